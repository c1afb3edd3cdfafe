"""The country of an airport: IATA location code → ISO 3166-1 alpha-2.

Airline messages name ports by IATA code only; risk rules and movements need the country.
The table holds the international airports that matter most for the partnership's traffic
(hubs, capitals, and the airports of conflict and transit regions). A port not in it has
no known country: rules over ``….country`` do not match it, and the movement carries no
country.
"""

from __future__ import annotations

__all__ = ["AIRPORTS", "country_of_port"]

_TABLE = """
AE AUH DXB SHJ DWC | AF KBL KDH MZR HEA | AL TIA | AM EVN | AO LAD | AR EZE AEP
AT VIE SZG INN GRZ | AU SYD MEL BNE PER ADL | AZ GYD | BA SJJ | BD DAC CGP | BE BRU CRL
BF OUA | BG SOF VAR | BH BAH | BJ COO | BR GRU GIG BSB | BY MSQ | CA YYZ YUL YVR YYC YOW
CD FIH | CF BGF | CH ZRH GVA BSL | CI ABJ | CM DLA NSI | CN PEK PKX PVG SHA CAN CTU URC
CO BOG | CY LCA PFO | CZ PRG | DE FRA MUC BER DUS HAM CGN STR HAJ NUE LEJ BRE | DJ JIB
DK CPH BLL | DZ ALG ORN CZL | EG CAI HRG SSH HBE LXR | ES MAD BCN AGP PMI VLC ALC
ET ADD | FI HEL | FR CDG ORY NCE LYS MRS TLS BOD NTE | GB LHR LGW STN LTN MAN BHX EDI GLA
GE TBS | GH ACC | GR ATH SKG | HK HKG | HR ZAG SPU | HU BUD | ID CGK DPS | IE DUB
IL TLV | IN DEL BOM BLR MAA HYD CCU | IQ BGW BSR EBL ISU NJF | IR IKA THR MHD SYZ IFN
IT FCO MXP LIN VCE NAP BLQ CTA | JO AMM AQJ | JP NRT HND KIX | KE NBO MBA | KG FRU
KH PNH | KR ICN GMP | KW KWI | KZ ALA NQZ TSE | LB BEY | LK CMB | LY TIP MJI BEN MRA
MA CMN RAK RBA TNG FEZ | ML BKO | MR NKC | MT MLA | MV MLE | MY KUL | MZ MPM | NE NIM
NG LOS ABV KAN | NL AMS EIN RTM | NO OSL BGO | NP KTM | NZ AKL | OM MCT SLL | PH MNL
PK ISB KHI LHE PEW MUX | PL WAW KRK GDN | PT LIS OPO FAO | QA DOH | RO OTP CLJ | RS BEG
RU SVO DME VKO LED KZN AER MRV MCX GRV OVB SVX | SA RUH JED DMM MED | SD KRT PZU
SE ARN GOT | SG SIN | SN DSS DKR | SO MGQ HGA | SS JUB | SY DAM ALP LTK KAC DEZ
TD NDJ | TH BKK DMK HKT | TJ DYU | TM ASB | TN TUN DJE MIR SFA | TR IST SAW ESB AYT ADB
TR GZT HTY DIY ADA | UA KBP | UG EBB | US JFK EWR IAD ORD LAX SFO MIA ATL DFW BOS SEA
US DTW IAH | UZ TAS SKD | XK PRN | YE SAH ADE | ZA JNB CPT DUR
"""


def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in _TABLE.replace("\n", " | ").split("|"):
        words = group.split()
        if words:
            table.update(dict.fromkeys(words[1:], words[0]))
    return table


AIRPORTS: dict[str, str] = _table()


def country_of_port(port: str | None) -> str | None:
    """The alpha-2 country of an IATA airport code, or ``None`` when not known.

    >>> country_of_port("IST"), country_of_port("XXX")
    ('TR', None)
    """
    return AIRPORTS.get(port.upper()) if port else None
