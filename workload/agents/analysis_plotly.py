import os
import pandas as pd
import plotly.express as px

print("📊 인터랙티브 차트 생성 (plotly)")
df = pd.read_pickle('./artifacts/cache/sales.pkl')

daily = df.groupby(['Date', 'Category'], as_index=False)['Amount'].sum()
top_categories = df.groupby('Category')['Amount'].sum().nlargest(5).index
daily = daily[daily['Category'].isin(top_categories)]

fig = px.line(daily, x='Date', y='Amount', color='Category', markers=True,
              title='상위 5개 카테고리 일별 매출 추이',
              labels={'Date': '날짜', 'Amount': '매출액 (원)', 'Category': '카테고리'})
fig.update_layout(font=dict(family='NanumGothic, sans-serif', size=13),
                  hovermode='x unified', template='plotly_white', legend_title_text='카테고리')
fig.update_yaxes(tickformat=',')

os.makedirs('./artifacts/charts', exist_ok=True)
out_path = './artifacts/charts/sales_plotly.html'
# 오프라인 환경(네트워크 없음)에서도 열리도록 plotly.js를 HTML에 포함
fig.write_html(out_path, include_plotlyjs=True, full_html=True)
print(f"💾 저장: {out_path} ({os.path.getsize(out_path) / 1024 / 1024:.1f} MB)")
for cat in top_categories:
    s = daily[daily['Category'] == cat]['Amount']
    print(f"  - {cat}: 일평균 {s.mean():,.0f}원, 최고 {s.max():,}원")
