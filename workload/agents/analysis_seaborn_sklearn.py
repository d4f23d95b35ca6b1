import sys
sys.path.insert(0, './artifacts/code')

import os
import warnings
import numpy as np
import pandas as pd
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
import seaborn as sns
from sklearn.cluster import KMeans
from sklearn.linear_model import LinearRegression
from sklearn.metrics import r2_score, mean_absolute_error, silhouette_score
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from calculation_tracker import track_calculation, save_calculation_metadata

warnings.filterwarnings('ignore')
sns.set_theme(style='whitegrid', font='NanumGothic')
plt.rcParams['font.family'] = 'NanumGothic'
plt.rcParams['axes.unicode_minus'] = False

CHART_DIR = './artifacts/charts'
os.makedirs(CHART_DIR, exist_ok=True)
df = pd.read_pickle('./artifacts/cache/sales.pkl')
print(f"✅ 캐시 로드: {len(df):,}행")

# ------------------------------------------------------------------
# 1. seaborn: 연령대별 주문금액 분포 (박스플롯), 성별·카테고리 평균 주문금액 (막대)
# ------------------------------------------------------------------
age_order = sorted(df['Age Group'].unique())
fig, ax = plt.subplots(figsize=(8, 5))
sns.boxplot(data=df, x='Age Group', y='Amount', order=age_order, palette='Set2', ax=ax)
ax.set_title('연령대별 주문금액 분포', fontsize=14, fontweight='bold')
ax.set_xlabel('연령대')
ax.set_ylabel('주문금액 (원)')
fig.tight_layout()
fig.savefig(os.path.join(CHART_DIR, '연령대별_매출_분포.png'), dpi=200)
plt.close(fig)
print("🖼️  저장: ./artifacts/charts/연령대별_매출_분포.png")

top_categories = df.groupby('Category')['Amount'].sum().nlargest(6).index
fig, ax = plt.subplots(figsize=(10, 5))
sns.barplot(data=df[df['Category'].isin(top_categories)], x='Category', y='Amount', hue='Gender',
            order=top_categories, errorbar=None, ax=ax)
ax.set_title('상위 6개 카테고리 성별 평균 주문금액', fontsize=14, fontweight='bold')
ax.set_xlabel('카테고리')
ax.set_ylabel('평균 주문금액 (원)')
ax.legend(title='성별')
plt.setp(ax.get_xticklabels(), rotation=20, ha='right')
fig.tight_layout()
fig.savefig(os.path.join(CHART_DIR, 'gender_category_bar.png'), dpi=200)
plt.close(fig)
print("🖼️  저장: ./artifacts/charts/gender_category_bar.png")

age_stats = df.groupby('Age Group')['Amount'].agg(['count', 'mean', 'median']).round(0)
print("\n👥 연령대별 주문금액 통계:")
print(age_stats.to_string())

# ------------------------------------------------------------------
# 2. scikit-learn: 수량 → 주문금액 선형회귀
# ------------------------------------------------------------------
X = df[['Qty']].astype(float).values
y = df['Amount'].astype(float).values
full_model = LinearRegression().fit(X, y)
slope = round(float(full_model.coef_[0]), 2)

X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=42)
model = LinearRegression().fit(X_train, y_train)
pred = model.predict(X_test)
r2 = r2_score(y_test, pred)
mae = mean_absolute_error(y_test, pred)
print(f"\n📐 선형회귀 (Amount ~ Qty): 기울기 {slope:,.2f}원/개, 절편 {full_model.intercept_:,.0f}원")
print(f"   테스트 R² = {r2:.3f}, MAE = {mae:,.0f}원 (학습 {len(X_train)}건 / 테스트 {len(X_test)}건)")

# ------------------------------------------------------------------
# 3. scikit-learn: 상품 세분화 (KMeans)
# ------------------------------------------------------------------
products = df.groupby('Product').agg(
    주문수=('Amount', 'size'), 판매수량=('Qty', 'sum'), 매출액=('Amount', 'sum'), 평균단가=('Amount', 'mean'))
features = StandardScaler().fit_transform(products[['주문수', '판매수량', '매출액', '평균단가']])
kmeans = KMeans(n_clusters=4, n_init=10, random_state=42).fit(features)
products['세그먼트'] = kmeans.labels_
sil = silhouette_score(features, kmeans.labels_)
segment_rank = products.groupby('세그먼트')['매출액'].mean().sort_values(ascending=False)
names = ['핵심 상품', '성장 상품', '일반 상품', '저성과 상품']
products['세그먼트명'] = products['세그먼트'].map({seg: names[i] for i, seg in enumerate(segment_rank.index)})
print(f"\n🧩 KMeans 상품 세분화 (k=4, 실루엣 점수 {sil:.3f}):")
print(products.groupby('세그먼트명')[['주문수', '매출액']].agg(['count', 'mean']).round(0).to_string())

out = products.reset_index().sort_values('매출액', ascending=False)
out['평균단가'] = out['평균단가'].round(0)
out.to_csv('./artifacts/product_segments.csv', index=False, encoding='utf-8-sig')
pd.DataFrame([{'model': 'LinearRegression(Amount~Qty)', 'slope': slope, 'intercept': round(float(full_model.intercept_), 2),
               'test_r2': round(r2, 4), 'test_mae': round(mae, 2)},
              {'model': 'KMeans(k=4)', 'silhouette': round(float(sil), 4), 'inertia': round(float(kmeans.inertia_), 2)}]
             ).to_csv('./artifacts/model_scores.csv', index=False, encoding='utf-8-sig')
print("\n💾 저장: ./artifacts/product_segments.csv, ./artifacts/model_scores.csv")

track_calculation('amount_per_qty_slope', slope, '수량 1개 증가 시 주문금액 증가분(회귀 기울기)',
                  'LinearRegression().fit(Qty, Amount).coef_[0]', ['Qty', 'Amount'], step='analysis_seaborn_sklearn')
save_calculation_metadata()
