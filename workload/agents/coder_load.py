import sys
sys.path.insert(0, './artifacts/code')

import os
import pandas as pd
from calculation_tracker import track_calculation, save_calculation_metadata

print("=" * 60)
print("📂 1단계: 문마켓 신선식품 판매 데이터 로드")
print("=" * 60)

DATA_PATH = './data/moon-market-fresh-food-sales.csv'
CACHE_DIR = './artifacts/cache'
os.makedirs(CACHE_DIR, exist_ok=True)

df = pd.read_csv(DATA_PATH, encoding='utf-8-sig')
df['Date'] = pd.to_datetime(df['Date'], format='%m/%d/%y')
df['promotion-ids'] = df['promotion-ids'].fillna('없음')

print(f"✅ 데이터 로드 완료: {len(df):,}행 × {len(df.columns)}열")
print(f"📅 기간: {df['Date'].min():%Y-%m-%d} ~ {df['Date'].max():%Y-%m-%d}")
print(f"📋 컬럼: {', '.join(df.columns)}")
print("\n🔍 결측치 현황:")
print(df.isnull().sum().to_string())
print("\n📈 수치형 컬럼 요약:")
print(df[['Qty', 'Amount']].describe().round(1).to_string())

total_amount = int(df['Amount'].sum())
total_qty = int(df['Qty'].sum())
row_count = int(len(df))
avg_order_amount = round(float(df['Amount'].mean()), 2)

print(f"\n💰 총 매출액: {total_amount:,}원")
print(f"📦 총 판매수량: {total_qty:,}개")
print(f"🧾 주문 건수: {row_count:,}건")
print(f"💳 주문당 평균 금액: {avg_order_amount:,.0f}원")

track_calculation('total_amount', total_amount, '총 매출액', "df['Amount'].sum()", ['Amount'], step='coder_load')
track_calculation('total_qty', total_qty, '총 판매수량', "df['Qty'].sum()", ['Qty'], step='coder_load')
track_calculation('row_count', row_count, '주문 건수', 'len(df)', ['Date'], step='coder_load')
track_calculation('avg_order_amount', avg_order_amount, '주문당 평균 금액', "round(df['Amount'].mean(), 2)", ['Amount'], step='coder_load')
save_calculation_metadata()

df.to_pickle(os.path.join(CACHE_DIR, 'sales.pkl'))
print(f"\n💾 캐시 저장: {CACHE_DIR}/sales.pkl")
