import sys
sys.path.insert(0, './artifacts/code')

import os
import pandas as pd
from mlxtend.preprocessing import TransactionEncoder
from mlxtend.frequent_patterns import apriori, association_rules
from calculation_tracker import track_calculation, save_calculation_metadata

print("=" * 60)
print("🛒 장바구니 분석 (연관 규칙, mlxtend apriori)")
print("=" * 60)

df = pd.read_pickle('./artifacts/cache/sales.pkl')

# 같은 날짜 + 같은 배송 지역(구)의 주문을 하나의 장바구니로 보고, 카테고리 단위로 분석
baskets = df.groupby(['Date', 'ship-city'])['Category'].apply(lambda s: sorted(set(s)))
baskets = baskets[baskets.apply(len) >= 2]
transactions = baskets.tolist()
basket_count = len(transactions)
print(f"🧺 복수 카테고리 장바구니: {basket_count}개 (평균 {sum(map(len, transactions)) / basket_count:.2f}개 카테고리)")

te = TransactionEncoder()
onehot = te.fit(transactions).transform(transactions)
basket_df = pd.DataFrame(onehot, columns=te.columns_)

frequent = apriori(basket_df, min_support=0.05, use_colnames=True)
frequent['length'] = frequent['itemsets'].apply(len)
print(f"📦 빈발 항목집합: {len(frequent)}개 (2개 이상 조합 {int((frequent['length'] >= 2).sum())}개)")

# mlxtend 0.23.x 는 num_itemsets 인자가 필수, 이전 버전에는 없는 인자이므로 둘 다 지원
try:
    rules = association_rules(frequent, num_itemsets=len(basket_df), metric='lift', min_threshold=1.0)
except TypeError:
    rules = association_rules(frequent, metric='lift', min_threshold=1.0)

rules = rules.sort_values(['lift', 'confidence'], ascending=False).reset_index(drop=True)
print(f"🔗 연관 규칙 (lift ≥ 1.0): {len(rules)}개")
print("\n🏆 향상도(lift) 상위 5개 규칙:")
for _, r in rules.head(5).iterrows():
    print(f"  {', '.join(sorted(r['antecedents']))} → {', '.join(sorted(r['consequents']))}: "
          f"지지도 {r['support']:.3f}, 신뢰도 {r['confidence']:.3f}, 향상도 {r['lift']:.2f}")

out = rules.copy()
for col in ('antecedents', 'consequents'):
    out[col] = out[col].apply(lambda s: ', '.join(sorted(s)))
os.makedirs('./artifacts/analysis', exist_ok=True)
out.to_csv('./artifacts/analysis/association_rules.csv', index=False, encoding='utf-8-sig')
frequent.assign(itemsets=frequent['itemsets'].apply(lambda s: ', '.join(sorted(s)))) \
    .to_csv('./artifacts/analysis/frequent_itemsets.csv', index=False, encoding='utf-8-sig')
print("\n💾 저장: ./artifacts/analysis/association_rules.csv, ./artifacts/analysis/frequent_itemsets.csv")

track_calculation('basket_count', basket_count, '복수 카테고리 장바구니 수 (날짜+배송구 기준)',
                  "(df.groupby(['Date','ship-city'])['Category'].nunique() >= 2).sum()",
                  ['Date', 'ship-city', 'Category'], step='analysis_mlxtend')
save_calculation_metadata()
