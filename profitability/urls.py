app_name = "profitability"

urlpatterns: list = []
