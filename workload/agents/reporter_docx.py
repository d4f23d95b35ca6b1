import sys
sys.path.insert(0, './artifacts/code')

import os
import json
import pandas as pd
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor
from calculation_tracker import load_calculation_metadata

print("=" * 60)
print("📝 Reporter: DOCX 보고서 초안 작성")
print("=" * 60)

FONT = 'NanumGothic'
OUT_PATH = './artifacts/report_draft.docx'   # SVG 후처리(reporter_docx_svg.py) 후 final_report.docx 생성

df = pd.read_pickle('./artifacts/cache/sales.pkl')
calcs = {c['id']: c for c in load_calculation_metadata()['calculations']}
with open('./artifacts/citations.json', encoding='utf-8') as f:
    citations = json.load(f)['citations']
cite_no = {c['id']: c['citation_id'] for c in citations}
with open('./artifacts/charts/chart_manifest.json', encoding='utf-8') as f:
    charts = json.load(f)


def set_korean_font(run, size=None, bold=None, color=None):
    run.font.name = FONT
    run._element.rPr.rFonts.set(qn('w:eastAsia'), FONT)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if color:
        run.font.color.rgb = RGBColor(*color)
    return run


def add_heading(doc, text, level):
    h = doc.add_heading('', level=level)
    set_korean_font(h.add_run(text), color=(0x1F, 0x3A, 0x5F))
    return h


def add_paragraph(doc, text, size=11, bold=False, align=None):
    p = doc.add_paragraph()
    set_korean_font(p.add_run(text), size=size, bold=bold)
    if align is not None:
        p.alignment = align
    return p


def v(calc_id):
    return calcs[calc_id]['value']


doc = Document()
normal = doc.styles['Normal']
normal.font.name = FONT
normal.element.rPr.rFonts.set(qn('w:eastAsia'), FONT)
normal.font.size = Pt(10.5)

title = doc.add_heading('', level=0)
set_korean_font(title.add_run('문마켓 신선식품 판매 분석 보고서'), size=24, bold=True)
title.alignment = WD_ALIGN_PARAGRAPH.CENTER
add_paragraph(doc, f"분석 기간: {df['Date'].min():%Y년 %m월 %d일} ~ {df['Date'].max():%Y년 %m월 %d일}",
              size=10, align=WD_ALIGN_PARAGRAPH.CENTER)

add_heading(doc, '1. 개요', 1)
add_paragraph(doc, f"분석 기간 동안 총 {v('row_count'):,}건의 주문에서 {v('total_qty'):,}개의 상품이 판매되었으며, "
                   f"총 매출액은 {v('total_amount'):,}원{cite_no.get('total_amount', '')}입니다. "
                   f"주문당 평균 금액은 {v('avg_order_amount'):,.0f}원{cite_no.get('avg_order_amount', '')}입니다.")
add_paragraph(doc, f"매출 1위 카테고리는 '{v('top_category')}'로 {v('top_category_amount'):,}원"
                   f"{cite_no.get('top_category_amount', '')}(전체의 {v('top_category_share_pct')}%)을 차지했습니다. "
                   f"최고 매출일은 {v('peak_day')}({v('peak_day_amount'):,}원)이며, "
                   f"매출 1위 상품은 '{v('top_product')}'({v('top_product_amount'):,}원)입니다.")

add_heading(doc, '2. 카테고리별 매출 현황', 1)
category_sales = df.groupby('Category').agg(주문수=('Amount', 'size'), 판매수량=('Qty', 'sum'), 매출액=('Amount', 'sum'))
category_sales = category_sales.sort_values('매출액', ascending=False)
table = doc.add_table(rows=1, cols=5)
table.style = 'Light Grid Accent 1'
table.alignment = WD_TABLE_ALIGNMENT.CENTER
for cell, text in zip(table.rows[0].cells, ['카테고리', '주문수', '판매수량', '매출액(원)', '비중(%)']):
    cell.text = ''
    set_korean_font(cell.paragraphs[0].add_run(text), size=9.5, bold=True)
total = category_sales['매출액'].sum()
for cat, row in category_sales.iterrows():
    cells = table.add_row().cells
    for cell, text in zip(cells, [cat, f"{row['주문수']:,}", f"{row['판매수량']:,}", f"{row['매출액']:,}",
                                  f"{row['매출액'] / total * 100:.1f}"]):
        cell.text = ''
        set_korean_font(cell.paragraphs[0].add_run(text), size=9)

add_heading(doc, '3. 시각화 분석', 1)
captions = {
    'category_sales_bar': '카테고리별 매출액: 상위 카테고리에 매출이 집중되어 있습니다.',
    'daily_sales_line': '일별 매출 추이: 주말과 프로모션 기간에 매출이 증가하는 경향이 있습니다.',
    'product_scatter': '상품별 판매수량 대비 매출액: 고단가 건강식품은 적은 수량으로도 높은 매출을 기록했습니다.',
    'category_age_heatmap': '카테고리 × 연령대별 매출 히트맵: 연령대별 선호 카테고리 차이를 보여줍니다.',
}
for n, (name, info) in enumerate(charts.items(), 1):
    add_heading(doc, f"3.{n} {info['title']}", 2)
    doc.add_picture(info['png'], width=Inches(6))
    doc.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_paragraph(doc, f"[그림 {n}] {captions.get(name, info['title'])}", size=9, align=WD_ALIGN_PARAGRAPH.CENTER)

add_heading(doc, '4. 참고 문헌 및 계산 근거', 1)
add_paragraph(doc, f"아래 {len(citations)}개 수치는 Validator가 원본 데이터로 재계산하여 검증했습니다.", size=9.5)
for c in citations:
    status = '검증 완료' if c['match'] else '불일치'
    value = f"{c['value']:,}" if isinstance(c['value'], (int, float)) else c['value']
    add_paragraph(doc, f"{c['citation_id']} {c['description']}: {value} — {c['formula']} ({c['source']}, {status})", size=9)

os.makedirs(os.path.dirname(OUT_PATH), exist_ok=True)
doc.save(OUT_PATH)
print(f"💾 저장: {OUT_PATH} ({os.path.getsize(OUT_PATH) / 1024:.0f} KB)")
print(f"   표 1개({len(category_sales)}개 카테고리), 그림 {len(charts)}개, 인용 {len(citations)}건")
