import sys
sys.path.insert(0, './artifacts/code')

import os
import json
import itertools
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
import matplotlib.dates as mdates
import lovelyplots  # noqa: F401  (스타일 등록)
from adjustText import adjust_text
from calculation_tracker import track_calculation, save_calculation_metadata

# 스타일 및 한글 폰트 설정
plt.style.use(['ipynb', 'use_mathtext', 'colors10-markers'])
plt.rcParams['font.family'] = 'NanumGothic'
plt.rcParams['axes.unicode_minus'] = False
plt.rcParams['svg.fonttype'] = 'path'      # SVG 텍스트를 패스로 저장 (폰트 없는 뷰어에서도 동일하게 표시)
plt.rcParams['savefig.bbox'] = 'standard'  # 고정 figsize × dpi 크기로 저장 (보고서 레이아웃 고정)
plt.rcParams['text.usetex'] = False

CHART_DIR = './artifacts/charts'
CACHE_DIR = './artifacts/cache'
os.makedirs(CHART_DIR, exist_ok=True)
DPI = 200
manifest = {}


def save_chart(fig, name, title):
    """PNG(dpi=200)와 SVG(텍스트 패스화) 두 형식으로 저장하고 매니페스트에 기록"""
    png_path = os.path.join(CHART_DIR, f'{name}.png')
    svg_path = os.path.join(CHART_DIR, f'{name}.svg')
    fig.savefig(png_path, dpi=DPI, facecolor='white')
    fig.savefig(svg_path, format='svg', facecolor='white')
    w, h = fig.get_size_inches()
    manifest[name] = {
        'title': title,
        'png': png_path,
        'svg': svg_path,
        'figsize': [float(w), float(h)],
        'dpi': DPI,
        'pixel_size': [int(round(w * DPI)), int(round(h * DPI))],
    }
    plt.close(fig)
    print(f"🖼️  저장: {png_path} ({int(round(w * DPI))}×{int(round(h * DPI))}px), {svg_path}")


def boxes_overlap(a, b):
    return min(a[2], b[2]) - max(a[0], b[0]) > 0.5 and min(a[3], b[3]) - max(a[1], b[1]) > 0.5


def count_overlaps(boxes):
    return sum(1 for a, b in itertools.combinations(boxes, 2) if boxes_overlap(a, b))


df = pd.read_pickle(os.path.join(CACHE_DIR, 'sales.pkl'))
print(f"✅ 캐시 로드: {len(df):,}행")

# ------------------------------------------------------------------
# 1. 카테고리별 매출 (막대 그래프)
# ------------------------------------------------------------------
category_sales = df.groupby('Category')['Amount'].sum().sort_values(ascending=False)
top_category = category_sales.index[0]
top_category_amount = int(category_sales.iloc[0])
top_category_share = round(float(category_sales.iloc[0] / df['Amount'].sum() * 100), 2)

fig, ax = plt.subplots(figsize=(10, 6))
colors = ['#d62728' if c == top_category else '#1f77b4' for c in category_sales.index]
bars = ax.bar(range(len(category_sales)), category_sales.values / 10000, color=colors)
for bar, value in zip(bars, category_sales.values):
    ax.text(bar.get_x() + bar.get_width() / 2, bar.get_height(), f'{value / 10000:,.0f}만',
            ha='center', va='bottom', fontsize=8)
ax.set_xticks(range(len(category_sales)))
ax.set_xticklabels(category_sales.index, rotation=45, ha='right', fontsize=9)
ax.set_title('카테고리별 매출액', fontsize=14, fontweight='bold')
ax.set_xlabel('카테고리')
ax.set_ylabel('매출액 (만원)')
ax.grid(axis='y', alpha=0.3)
fig.subplots_adjust(bottom=0.26, left=0.09, right=0.97, top=0.92)
save_chart(fig, 'category_sales_bar', '카테고리별 매출액')

print("\n📊 카테고리별 매출 TOP 5:")
for rank, (cat, amt) in enumerate(category_sales.head(5).items(), 1):
    print(f"  {rank}. {cat}: {amt:,}원 ({amt / df['Amount'].sum() * 100:.1f}%)")

# ------------------------------------------------------------------
# 2. 일별 매출 추이 (선 그래프)
# ------------------------------------------------------------------
daily_sales = df.groupby('Date')['Amount'].sum()
peak_day = daily_sales.idxmax()
peak_day_amount = int(daily_sales.max())

fig, ax = plt.subplots(figsize=(12, 5))
ax.plot(daily_sales.index, daily_sales.values / 10000, linewidth=2, label='일 매출')
ax.axhline(daily_sales.mean() / 10000, color='gray', linestyle='--', linewidth=1, label='평균')
ax.annotate(f'최고 {peak_day_amount / 10000:,.0f}만원\n({peak_day:%m/%d})',
            xy=(peak_day, peak_day_amount / 10000),
            xytext=(10, -30), textcoords='offset points', fontsize=9,
            arrowprops=dict(arrowstyle='->', color='black', lw=0.8))
ax.xaxis.set_major_formatter(mdates.DateFormatter('%m/%d'))
ax.set_title('일별 매출 추이 (2025년 5월)', fontsize=14, fontweight='bold')
ax.set_xlabel('날짜')
ax.set_ylabel('매출액 (만원)')
ax.legend(loc='upper left')
ax.grid(alpha=0.3)
fig.subplots_adjust(bottom=0.14, left=0.07, right=0.98, top=0.9)
save_chart(fig, 'daily_sales_line', '일별 매출 추이')
print(f"\n📈 최고 매출일: {peak_day:%Y-%m-%d} ({peak_day_amount:,}원), 일평균 {daily_sales.mean():,.0f}원")

# ------------------------------------------------------------------
# 3. 상품별 판매수량 vs 매출액 (산점도 + adjust_text 라벨)
# ------------------------------------------------------------------
product_stats = df.groupby('Product').agg(Qty=('Qty', 'sum'), Amount=('Amount', 'sum'))
product_stats = product_stats.sort_values('Amount', ascending=False)
top_product = product_stats.index[0]
top_product_amount = int(product_stats['Amount'].iloc[0])
labeled = product_stats.head(40)

fig, ax = plt.subplots(figsize=(10, 8))
ax.scatter(product_stats['Qty'], product_stats['Amount'] / 10000, s=25, alpha=0.5, color='#7f7f7f', label='기타 상품')
ax.scatter(labeled['Qty'], labeled['Amount'] / 10000, s=40, color='#d62728', label='매출 상위 40개 상품')
texts = [ax.text(q, a / 10000, name, fontsize=10) for name, q, a in zip(labeled.index, labeled['Qty'], labeled['Amount'])]
ax.set_title('상품별 판매수량 대비 매출액', fontsize=14, fontweight='bold')
ax.set_xlabel('판매수량 (개)')
ax.set_ylabel('매출액 (만원)')
ax.legend(loc='lower right')
ax.grid(alpha=0.3)
fig.subplots_adjust(bottom=0.09, left=0.09, right=0.97, top=0.93)

fig.canvas.draw()
renderer = fig.canvas.get_renderer()
boxes_before = [list(t.get_window_extent(renderer).extents) for t in texts]

adjust_text(texts,
            x=product_stats['Qty'].values, y=(product_stats['Amount'] / 10000).values,
            arrowprops=dict(arrowstyle='-', color='gray', lw=0.5))

fig.canvas.draw()
renderer = fig.canvas.get_renderer()
boxes_after = [list(t.get_window_extent(renderer).extents) for t in texts]
overlaps_before = count_overlaps(boxes_before)
overlaps_after = count_overlaps(boxes_after)
print(f"\n🏷️  라벨 겹침: 조정 전 {overlaps_before}쌍 → 조정 후 {overlaps_after}쌍")

# 테스트 훅: 워크로드 드라이버가 라벨 겹침 여부를 확인하기 위해 최종 라벨 박스(픽셀)를 기록합니다.
# (실제 에이전트 산출물에는 필요 없는 파일입니다.)
with open(os.path.join(CACHE_DIR, 'scatter_label_boxes.json'), 'w', encoding='utf-8') as f:
    json.dump({
        'figure_dpi': float(fig.dpi),
        'canvas_size': [int(v) for v in fig.canvas.get_width_height()],
        'labels': [t.get_text() for t in texts],
        'boxes_before': boxes_before,
        'boxes_after': boxes_after,
        'overlaps_before': overlaps_before,
        'overlaps_after': overlaps_after,
    }, f, ensure_ascii=False, indent=1)
save_chart(fig, 'product_scatter', '상품별 판매수량 대비 매출액')

# ------------------------------------------------------------------
# 4. 카테고리 × 연령대 매출 히트맵 (컬러바 포함)
# ------------------------------------------------------------------
pivot = df.pivot_table(index='Category', columns='Age Group', values='Amount', aggfunc='sum', fill_value=0)
pivot = pivot.loc[category_sales.index, sorted(pivot.columns)]
values = pivot.values / 10000

fig, ax = plt.subplots(figsize=(9, 8))
im = ax.imshow(values, cmap='YlOrRd', aspect='auto')
cbar = fig.colorbar(im, ax=ax)
cbar.set_label('매출액 (만원)')
ax.set_xticks(range(len(pivot.columns)))
ax.set_xticklabels(pivot.columns)
ax.set_yticks(range(len(pivot.index)))
ax.set_yticklabels(pivot.index, fontsize=9)
threshold = values.max() * 0.6
cell_labels = []
for i in range(values.shape[0]):
    for j in range(values.shape[1]):
        cell_labels.append(ax.text(j, i, f'{values[i, j]:.0f}', ha='center', va='center', fontsize=8,
                                   color='white' if values[i, j] > threshold else 'black'))
# 상위 3개 셀 강조 라벨: 셀 값 라벨과 컬러바 영역을 피하도록 objects에 전달
flat_rank = np.argsort(values, axis=None)[::-1][:3]
callouts = []
for rank, flat in enumerate(flat_rank, 1):
    i, j = np.unravel_index(flat, values.shape)
    callouts.append(ax.text(j, i + 0.25, f'{rank}위', ha='center', fontsize=9, fontweight='bold', color='navy'))
adjust_text(callouts, objects=[cbar.ax] + cell_labels, arrowprops=dict(arrowstyle='-', color='gray', lw=0.5))
ax.set_title('카테고리 × 연령대별 매출 히트맵', fontsize=14, fontweight='bold')
ax.set_xlabel('연령대')
ax.set_ylabel('카테고리')
fig.subplots_adjust(left=0.25, right=0.95, bottom=0.08, top=0.93)
save_chart(fig, 'category_age_heatmap', '카테고리 × 연령대별 매출 히트맵')

best_i, best_j = np.unravel_index(int(np.argmax(pivot.values)), pivot.shape)
print(f"\n🔥 최대 매출 셀: {pivot.index[best_i]} × {pivot.columns[best_j]} = {int(pivot.values[best_i, best_j]):,}원")

with open(os.path.join(CHART_DIR, 'chart_manifest.json'), 'w', encoding='utf-8') as f:
    json.dump(manifest, f, ensure_ascii=False, indent=2)

# ------------------------------------------------------------------
# 계산 추적
# ------------------------------------------------------------------
track_calculation('top_category', top_category, '매출 1위 카테고리', "df.groupby('Category')['Amount'].sum().idxmax()", ['Category', 'Amount'], step='coder_charts')
track_calculation('top_category_amount', top_category_amount, '매출 1위 카테고리 매출액', "df.groupby('Category')['Amount'].sum().max()", ['Category', 'Amount'], step='coder_charts')
track_calculation('top_category_share_pct', top_category_share, '매출 1위 카테고리 비중(%)', "max(카테고리 매출) / sum(Amount) * 100", ['Category', 'Amount'], step='coder_charts')
track_calculation('peak_day', f'{peak_day:%Y-%m-%d}', '최고 매출일', "df.groupby('Date')['Amount'].sum().idxmax()", ['Date', 'Amount'], step='coder_charts')
track_calculation('peak_day_amount', peak_day_amount, '최고 매출일 매출액', "df.groupby('Date')['Amount'].sum().max()", ['Date', 'Amount'], step='coder_charts')
track_calculation('top_product', top_product, '매출 1위 상품', "df.groupby('Product')['Amount'].sum().idxmax()", ['Product', 'Amount'], step='coder_charts')
track_calculation('top_product_amount', top_product_amount, '매출 1위 상품 매출액', "df.groupby('Product')['Amount'].sum().max()", ['Product', 'Amount'], step='coder_charts')
save_calculation_metadata()
print("\n✅ 차트 4종 생성 완료")
