"""link_geometry keeps route curves by route (what it joins) and variant, at most ROUTES_KEPT curves (plus one route's
variants), the first kept routes let go first; a curve found kept is the curve made."""
from __future__ import annotations


def test_kept_curves_are_the_ones_made_and_bounded(monkeypatch):
    from classroom_gui.scene import link_geometry as G
    from classroom_gui.scene.link_routes import VARIANTS

    G.routes_forget()
    monkeypatch.setattr(G, "ROUTES_KEPT", 300)
    hub = (700.0, 400.0, 120.0, 90.0)
    desks = [(100.0 + 37 * k, 120.0 + 61 * (k % 5), 120.0, 90.0) for k in range(6)]
    made = [G.routes(d, hub, 30.0, 14.0, VARIANTS, 2.5) for d in desks]
    counted = sum(len(v) for v in G._ROUTES.values())
    assert counted == G._KEPT[0] and counted <= 300 + len(VARIANTS)
    assert len(G._ROUTES) < len(desks)                       # the first routes were let go
    last = G.routes(desks[-1], hub, 30.0, 14.0, VARIANTS, 2.5)
    assert last == made[-1] and all(a is b for a, b in zip(last, made[-1]))  # found kept
    G.routes_forget()
    again = G.routes(desks[0], hub, 30.0, 14.0, VARIANTS[:3], 2.5)   # made anew: the same curves
    assert again == made[0][:3] and G._KEPT[0] == 3
    assert G.route(desks[0], hub, 30.0, 14.0, *VARIANTS[5], width=2.5) == made[0][5]  # one variant alone
    G.routes_forget()
