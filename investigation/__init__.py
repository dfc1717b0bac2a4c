"""Investigation-target recommender (財産調査先) and hardship triage (生活再建).

Flow: ``store.investigation_queries.load_office`` (bulk arrays) → ``office.prepare`` (target
table, distances to branches, time-indexed history, note mentions) → ``candidates`` (what the
law and sense allow) → ``features.pair_features`` (strictly before the prediction date) →
``model`` (gradient boosting, isotonic calibration, model card) → ``reasons`` (message keys
ordered by how much each fact drove the score). ``service`` is what tools/, the web and the
CLI call; ``evaluate`` is the time-based holdout against the novice, popularity and veteran
baselines; ``inquiries`` the 電子照会 batch under a budget; ``bench`` the speed figures.
"""
