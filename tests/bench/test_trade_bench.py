"""`ictd bench trade`'s cases on small sizes: what they count and how the table reads (no
timing is asserted)."""

from __future__ import annotations

from ictd.bench.trade import ShipmentBench, bench_ais, bench_points, format_trade_table


def test_small_trade_bench_cases_and_their_table() -> None:
    points = bench_points(areas=5, points=2_000)
    assert (points.areas, points.points) == (5, 2_000)
    assert 0 <= points.found <= 2 * 2_000  # a point lies in at most two versions of an area
    ais = bench_ais(areas=5, positions=2_500)
    assert (ais.positions, ais.vessels, ais.areas) == (2_500, 3, 5)
    assert ais.events >= 0 and ais.cpu_s >= 0
    shipments = ShipmentBench(100, 1.0, 2.0, 1.5, 40, 7, 300.0)
    table = format_trade_table(points, shipments, "ictd bench trade …", ais)
    rows = [line for line in table.splitlines() if line.startswith("| ")]
    assert len(rows) == 4  # header, points, AIS, shipments
    assert "2,500 positions of 3 vessels × 5 areas" in table
    assert "40 hit, 7 review; CPU 1.5 s" in table and "50 shipments/s" in table
