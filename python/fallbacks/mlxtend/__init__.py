"""DeepInsight's stand-in for mlxtend (PyPI only, unreachable from the build machines).

Only the market-basket part that analyses use is provided:
``mlxtend.preprocessing.TransactionEncoder`` and ``mlxtend.frequent_patterns``'s
``apriori``, ``fpgrowth`` and ``association_rules``, with mlxtend 0.23's names,
arguments and output columns. Written from mlxtend's documentation, not its source.
"""

__version__ = "0.0+deepinsight"
__deepinsight_fallback__ = True
