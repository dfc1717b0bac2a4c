"""Investigation-target recommender and hardship triage."""
