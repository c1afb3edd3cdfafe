"""A small table of sea ports by UN/LOCODE-style code (country + 3 letters), with approximate
positions (decimal degrees, WGS84) of the port area.

It covers the ports of the eastern Mediterranean, the Gulf and the main trade hubs that the
demo and the tests use; a shipment that names another code is reported as unplaceable,
never passed. Positions are rounded to about a kilometre: enough to judge an area, not to
navigate.
"""

from __future__ import annotations

__all__ = ["PORTS", "Port"]

Port = tuple[str, str, float, float]  # name, ISO country code, longitude, latitude

PORTS: dict[str, Port] = {
    # Syria, Lebanon, Iraq, Türkiye, Jordan, Cyprus, Egypt, Israel
    "SYLTK": ("Latakia", "SY", 35.77, 35.52),
    "SYTTS": ("Tartus", "SY", 35.87, 34.90),
    "SYBAN": ("Baniyas", "SY", 35.94, 35.18),
    "LBBEY": ("Beirut", "LB", 35.52, 33.90),
    "LBKYE": ("Tripoli", "LB", 35.82, 34.46),
    "IQUQR": ("Umm Qasr", "IQ", 47.94, 30.03),
    "IQBSR": ("Basra", "IQ", 47.83, 30.51),
    "IQKAZ": ("Khor al-Zubair", "IQ", 47.88, 30.19),
    "TRMER": ("Mersin", "TR", 34.64, 36.79),
    "TRISK": ("Iskenderun", "TR", 36.17, 36.59),
    "TRCEY": ("Ceyhan", "TR", 35.91, 36.87),
    "TRIST": ("Istanbul", "TR", 28.97, 41.01),
    "JOAQJ": ("Aqaba", "JO", 35.00, 29.52),
    "CYLMS": ("Limassol", "CY", 33.02, 34.65),
    "CYFMG": ("Famagusta", "CY", 33.95, 35.12),
    "EGPSD": ("Port Said", "EG", 32.31, 31.26),
    "EGALY": ("Alexandria", "EG", 29.87, 31.18),
    "ILHFA": ("Haifa", "IL", 35.01, 32.82),
    # the Gulf and the Arabian Sea
    "AEJEA": ("Jebel Ali", "AE", 55.03, 25.01),
    "AEFJR": ("Fujairah", "AE", 56.36, 25.17),
    "IRBND": ("Bandar Abbas", "IR", 56.21, 27.14),
    "KWSAA": ("Shuaiba", "KW", 48.13, 29.04),
    "SAJED": ("Jeddah", "SA", 39.17, 21.47),
    "OMSOH": ("Sohar", "OM", 56.61, 24.52),
    "PKKHI": ("Karachi", "PK", 66.98, 24.84),
    "INNSA": ("Nhava Sheva", "IN", 72.95, 18.95),
    # trade hubs
    "GRPIR": ("Piraeus", "GR", 23.62, 37.94),
    "MTMAR": ("Marsaxlokk", "MT", 14.54, 35.83),
    "ITGOA": ("Genoa", "IT", 8.92, 44.41),
    "ESALG": ("Algeciras", "ES", -5.44, 36.13),
    "NLRTM": ("Rotterdam", "NL", 4.06, 51.95),
    "BEANR": ("Antwerp", "BE", 4.40, 51.26),
    "DEHAM": ("Hamburg", "DE", 9.97, 53.54),
    "GBFXT": ("Felixstowe", "GB", 1.31, 51.96),
    "SGSIN": ("Singapore", "SG", 103.84, 1.26),
    "CNSHA": ("Shanghai", "CN", 121.80, 31.35),
    "HKHKG": ("Hong Kong", "HK", 114.15, 22.30),
    "USNYC": ("New York", "US", -74.05, 40.67),
    "USHOU": ("Houston", "US", -95.27, 29.73),
    "LYMRA": ("Misrata", "LY", 15.21, 32.37),
    "NGAPP": ("Lagos (Apapa)", "NG", 3.36, 6.44),
    "KEMBA": ("Mombasa", "KE", 39.65, -4.06),
    "DJJIB": ("Djibouti", "DJ", 43.14, 11.60),
    "YEADE": ("Aden", "YE", 44.98, 12.79),
    "SOMGQ": ("Mogadishu", "SO", 45.34, 2.03),
}
