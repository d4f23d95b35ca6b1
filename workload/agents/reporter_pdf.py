import sys
sys.path.insert(0, './artifacts/code')

import os
import json
import base64
import pandas as pd
from weasyprint import HTML
from calculation_tracker import load_calculation_metadata

print("=" * 60)
print("📄 Reporter: PDF 보고서 생성 (WeasyPrint)")
print("=" * 60)

df = pd.read_pickle('./artifacts/cache/sales.pkl')
calcs = {c['id']: c['value'] for c in load_calculation_metadata()['calculations']}
with open('./artifacts/citations.json', encoding='utf-8') as f:
    citations = json.load(f)['citations']
with open('./artifacts/charts/chart_manifest.json', encoding='utf-8') as f:
    charts = json.load(f)


def image_to_base64(path):
    with open(path, 'rb') as f:
        return base64.b64encode(f.read()).decode('ascii')


category_sales = df.groupby('Category').agg(주문수=('Amount', 'size'), 매출액=('Amount', 'sum')).sort_values('매출액', ascending=False)
total = category_sales['매출액'].sum()
rows = '\n'.join(
    f"<tr><td>{cat}</td><td class='num'>{r['주문수']:,}</td><td class='num'>{r['매출액']:,}</td>"
    f"<td class='num'>{r['매출액'] / total * 100:.1f}%</td></tr>"
    for cat, r in category_sales.iterrows())

figures = '\n'.join(
    f"""<div class="figure">
  <img src="data:image/png;base64,{image_to_base64(info['png'])}" alt="{info['title']}">
  <p class="caption">[그림 {n}] {info['title']}</p>
</div>"""
    for n, (name, info) in enumerate(charts.items(), 1))

citation_items = '\n'.join(
    f"<li>{c['citation_id']} {c['description']}: {c['value']:,} ({c['source']})</li>" if isinstance(c['value'], (int, float))
    else f"<li>{c['citation_id']} {c['description']}: {c['value']} ({c['source']})</li>"
    for c in citations)

html = f"""<!DOCTYPE html>
<html lang="ko">
<head>
<meta charset="UTF-8">
<style>
@font-face {{
    font-family: 'NanumGothic';
    src: local('NanumGothic'), url('file:///usr/share/fonts/truetype/nanum/NanumGothic.ttf');
}}
@page {{
    size: A4;
    margin: 2cm 1.8cm;
    @bottom-center {{ content: counter(page) " / " counter(pages); font-family: 'NanumGothic'; font-size: 9pt; color: #777; }}
}}
body {{ font-family: 'NanumGothic', sans-serif; font-size: 10.5pt; line-height: 1.6; color: #222; }}
h1 {{ text-align: center; color: #1f3a5f; font-size: 20pt; border-bottom: 2px solid #1f3a5f; padding-bottom: 8px; }}
h2 {{ color: #1f3a5f; font-size: 14pt; margin-top: 24px; }}
.summary {{ background: #f2f6fa; border-left: 4px solid #1f3a5f; padding: 10px 14px; }}
table {{ width: 100%; border-collapse: collapse; font-size: 9.5pt; }}
th {{ background: #1f3a5f; color: white; padding: 6px; }}
td {{ border-bottom: 1px solid #ddd; padding: 5px 6px; }}
td.num {{ text-align: right; }}
.figure {{ text-align: center; page-break-inside: avoid; margin: 14px 0; }}
.figure img {{ width: 100%; }}
.caption {{ font-size: 9pt; color: #555; }}
.citations {{ font-size: 8.5pt; color: #444; }}
</style>
</head>
<body>
<h1>문마켓 신선식품 판매 분석 보고서</h1>
<div class="summary">
  <p><strong>핵심 요약</strong></p>
  <p>분석 기간 총 매출액은 {calcs['total_amount']:,}원, 총 주문 {calcs['row_count']:,}건입니다.
     매출 1위 카테고리는 <strong>{calcs['top_category']}</strong>({calcs['top_category_amount']:,}원, {calcs['top_category_share_pct']}%)이며,
     최고 매출일은 {calcs['peak_day']}입니다.</p>
</div>
<h2>1. 카테고리별 매출 현황</h2>
<table>
  <thead><tr><th>카테고리</th><th>주문수</th><th>매출액(원)</th><th>비중</th></tr></thead>
  <tbody>
{rows}
  </tbody>
</table>
<h2>2. 시각화 분석</h2>
{figures}
<h2>3. 참고 문헌 및 계산 근거</h2>
<ol class="citations">
{citation_items}
</ol>
</body>
</html>
"""

os.makedirs('./artifacts', exist_ok=True)
with open('./artifacts/report.html', 'w', encoding='utf-8') as f:
    f.write(html)
HTML(string=html, base_url='.').write_pdf('./artifacts/report.pdf')
print(f"💾 저장: ./artifacts/report.pdf ({os.path.getsize('./artifacts/report.pdf') / 1024:.0f} KB)")
print(f"   표 {len(category_sales)}행, 그림 {len(charts)}개, 인용 {len(citations)}건")
