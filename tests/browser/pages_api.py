from tests.browser.cases import PageCase

PAGES = [PageCase("api-documentation", "/api/v1/", reflow=True)]
