import sys
sys.path.insert(0, './artifacts/code')

import os
import json
import math
import numpy as np
import pandas as pd
from calculation_tracker import load_calculation_metadata

print("=" * 60)
print("🔎 Validator: 계산 결과 독립 재계산 및 인용(citation) 생성")
print("=" * 60)

DATA_PATH = './data/moon-market-fresh-food-sales.csv'
CITATIONS_PATH = './artifacts/citations.json'

metadata = load_calculation_metadata()
calculations = metadata.get('calculations', [])
print(f"📥 검증 대상 계산: {len(calculations)}건")

# 캐시(pickle)가 아닌 원본 CSV를 독립적으로 다시 읽어 재계산
raw = pd.read_csv(DATA_PATH, encoding='utf-8-sig')
raw['Date'] = pd.to_datetime(raw['Date'], format='%m/%d/%y')

by_category = raw.groupby('Category')['Amount'].sum()
by_day = raw.groupby('Date')['Amount'].sum()
by_product = raw.groupby('Product')['Amount'].sum()


def basket_count():
    baskets = raw.groupby(['Date', 'ship-city'])['Category'].nunique()
    return int((baskets >= 2).sum())


def regression_slope():
    slope, _ = np.polyfit(raw['Qty'].astype(float), raw['Amount'].astype(float), 1)
    return round(float(slope), 2)


RECOMPUTE = {
    'total_amount': lambda: int(raw['Amount'].sum()),
    'total_qty': lambda: int(raw['Qty'].sum()),
    'row_count': lambda: int(len(raw)),
    'avg_order_amount': lambda: round(float(raw['Amount'].mean()), 2),
    'top_category': lambda: by_category.idxmax(),
    'top_category_amount': lambda: int(by_category.max()),
    'top_category_share_pct': lambda: round(float(by_category.max() / raw['Amount'].sum() * 100), 2),
    'peak_day': lambda: f"{by_day.idxmax():%Y-%m-%d}",
    'peak_day_amount': lambda: int(by_day.max()),
    'top_product': lambda: by_product.idxmax(),
    'top_product_amount': lambda: int(by_product.max()),
    'amount_per_qty_slope': regression_slope,
    'basket_count': basket_count,
}


def values_match(a, b):
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return math.isclose(float(a), float(b), rel_tol=1e-6, abs_tol=0.011)
    return str(a) == str(b)


citations = []
for n, calc in enumerate(calculations, 1):
    calc_id = calc['id']
    fn = RECOMPUTE.get(calc_id)
    recomputed = fn() if fn else None
    match = fn is not None and values_match(calc['value'], recomputed)
    citations.append({
        'citation_id': f'[{n}]',
        'id': calc_id,
        'description': calc.get('description'),
        'value': calc['value'],
        'recomputed_value': recomputed,
        'match': bool(match),
        'formula': calc.get('formula'),
        'source': f"{os.path.basename(calc.get('source_file', DATA_PATH))} ({', '.join(calc.get('source_columns', []))})",
    })
    mark = '✅' if match else '❌'
    print(f"  {mark} [{n}] {calc_id}: 기록값={calc['value']} / 재계산={recomputed}")

with open(CITATIONS_PATH, 'w', encoding='utf-8') as f:
    json.dump({'citations': citations,
               'total': len(citations),
               'matched': sum(c['match'] for c in citations),
               'validated_at': pd.Timestamp.now().isoformat()}, f, ensure_ascii=False, indent=2)

mismatched = [c for c in citations if not c['match']]
print(f"\n📝 인용 파일 저장: {CITATIONS_PATH}")
print(f"📊 검증 결과: 일치 {len(citations) - len(mismatched)}건 / 불일치 {len(mismatched)}건")
if mismatched or not citations:
    print("❌ 검증 실패: " + ', '.join(c['id'] for c in mismatched) if mismatched else "❌ 검증할 계산이 없습니다")
    sys.exit(1)
print("✅ 모든 계산 결과가 원본 데이터와 일치합니다")
