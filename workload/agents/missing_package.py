import pandas as pd

print("📦 추가 분석 패키지 로드 중...")
df = pd.read_pickle('./artifacts/cache/sales.pkl')
import some_package_that_does_not_exist
print(some_package_that_does_not_exist.analyze(df))
