"""The network under the browser harness: the animators' "Partages" screens,
and receiving lists that show pieces shared by a neighbouring portal (the
demo has Les Hauts-Prés' repair café in the Peupliers' journal, and Le Val
Fleuri's futsal tournament in their agenda). The hub itself is "hub"."""

from tests.browser.cases import PageCase

ANIMATOR = "animation.peupliers@example.org"

PAGES = [
    PageCase("network-journal-shared", "/peupliers/journal/?page=1", reflow=True),
    PageCase("network-agenda-shared", "/peupliers/agenda/", reflow=True),
    PageCase("network-admin-received", "/admin/partages/", user=ANIMATOR),
    PageCase(
        "network-admin-answered", "/admin/partages/?onglet=repondus", user=ANIMATOR
    ),
    PageCase("network-admin-sent", "/admin/partages/?onglet=envoyes", user=ANIMATOR),
    PageCase("network-admin-ideas", "/admin/partages/?onglet=reseau", user=ANIMATOR),
]
