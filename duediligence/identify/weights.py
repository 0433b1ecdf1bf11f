"""Every threshold and weight identification uses, each with the case that justifies it.

Change a number here only with the labelled corpus (benchmarks/accuracy) in hand, never
to fix a single row.
"""

from __future__ import annotations

from duediligence.pack.sources import Confidence
from duediligence.results.findings import Signal

# Names of 4 characters or fewer must match exactly: one edit to "ZTE" is "ZTA", another
# company; "Hik" is only Hikvision when it is the whole make.
EXACT_ONLY_MAX_LEN = 4

# An alias found as a whole word inside a longer make ("Hikvision Digital Technology UK")
# must be at least this long: "Hik" inside "Hik Estates" is not evidence.
PHRASE_MIN_LEN = 5

# Chinese, Japanese and Korean text has no spaces, so aliases are found as substrings; two
# characters are too few: 大华 also names the unrelated Shanghai Dahua Scale Factory.
CJK_SUBSTRING_MIN_LEN = 3

# Typos allowed, by the length of the alias (in letters, spaces removed). One edit for
# 5-8 letters: 'Hikvison' -> 'Hikvision' is 1 edit, 'Dahlia' -> 'Dahua' is 2, so the
# flower shop stays clear. Two edits from 9 letters up ('Hikvisoin', a transposition, is 1).
FUZZY_MIN_LEN = 5
FUZZY_EDITS_SHORT = 1
FUZZY_LONG_FROM = 9
FUZZY_EDITS_LONG = 2

# Romanised names (a `names` entry tagged '-Latn', as 'Haikang' for 海康, zh-Latn-pinyin) match
# exactly, never with typos: pinyin is built from some 400 syllables, so one edit to a pinyin
# name is usually another real name ('Haikang' -> 'Hankang', 'Yingshi' -> 'Yinshi'). They
# count inside a longer name only beside generic words, as short names do ('Haikang
# Technology' yes, 'Haikang Farms' no): toneless pinyin is shared by many written names.
# Names in other scripts (ハイクビジョン, 하이크비전) are found as substrings, like Chinese.

# Supplier, installer and maintainer text is matched without typos: such a column names
# distributors and contractors by the thousand, many named to sound like the brands they
# sell, so a near miss there ('Dahlia Supplies', 'Hikari Trading') is likelier another
# company than a slip; and a supplier alone is weak evidence that a typo would make weaker.
# Exact names, names inside longer names ('Hikvision UK Ltd') and their guards apply as for
# makes ('Hik' only as the whole text, never inside 'Hik Estates').
SUPPLIER_TYPOS = False

# What each kind of signal is worth when it fires at full strength (score 100).
# A make that names the vendor exactly is near certain; a pattern is as good as the pack
# says it is (scaled below); an IEEE registrant names the board maker, which for an OEM
# device may not be the brand on the box, and an FCC grantee is the applicant that certified
# the radio, likewise; a supplier only says who sold it.
SIGNAL_WEIGHT = {
    Signal.NAME: 0.95,
    Signal.MODEL: 1.0,
    Signal.MAC: 0.9,
    Signal.FCC_ID: 0.9,
    Signal.SUPPLIER: 0.3,
    Signal.RELATIONSHIP: 1.0,
    Signal.KIND: 0.0,  # says what the item is, never who made it: it is not combined
}

# A fuzzy name match is discounted against an exact one: 'Hikvison' (score 94) counts
# 0.95 * 0.94 * FUZZY_DISCOUNT.
FUZZY_DISCOUNT = 0.9

# How much a pack fact's confidence is worth, for patterns and for relationships walked
# to a group (an OEM relabel at medium confidence passes on 0.8 of the evidence).
CONFIDENCE_WEIGHT = {Confidence.HIGH: 0.95, Confidence.MEDIUM: 0.8, Confidence.LOW: 0.4}

# A second group is reported as an alternative (a conflict to review) when its combined
# confidence reaches this: a model pattern at medium confidence (0.8) does.
ALTERNATIVE_MIN = 0.5

# Which signal names the entity shown when several agree on a group: the make says
# "Ezviz" and the MAC says Hikvision -> the asset is an Ezviz (Hikvision group) device.
ENTITY_PRECEDENCE = (Signal.NAME, Signal.MODEL, Signal.MAC, Signal.FCC_ID, Signal.SUPPLIER)

# A make naming the group that a brand in the model text belonged to, on a row with no date:
# 'Huawei' with 'HONOR H30-L02' (an Honor 3C of 2014; Honor was Huawei's until 2020-11-17,
# sources S70 and WAPO-AP-HONOR). s.889 turns on who produced the item and the make column
# is the register's word for that, so the make's group is attributed (identify/former_brands.py)
# rather than the brand's group of today. It counts this share of the confidence, because
# without a date nothing shows the item was made while the brand was the group's: a register
# may write a group's name for a brand it no longer owns (an Honor of 2023 entered as
# 'Huawei'). A make alone gives 0.95, so 0.95 * 0.8 = 0.76: over ATTRIBUTION_FLOOR, so the
# make's group's rules apply, and under 0.9, the band the reliability table vouches for at
# 99%, since no labelled row says how often registers write a former owner's name.
FORMER_BRAND_UNDATED = 0.8

# Free text (descriptions, notes, hostnames) is read for its first 4,096 characters: a
# register cell is a line or a paragraph, and a hostile megabyte cell then costs what a page
# costs, since every word start is tried against every pattern.
FREE_TEXT_MAX_CHARS = 4096

# A maker's prefix written without its hyphen ('DS2CD2143' for 'DS-2CD2143') in a hostname,
# where '-' separates words and so cannot join the prefix to its number. Only there: in a
# model or description the text is read as written, since Brocade's 'DS7720B' would otherwise
# read as Hikvision's 'DS-7720B' (negative corpus). And only before a family code, digits
# joined to letters and digits again ('2CD2143', '3E1526', '2DE4A425'): 'san-ds7720b-01' is
# a Brocade G720 named by its part number (NetBox device-type library, Brocade/G720.yaml),
# and letters before a bare number and suffix are how Brocade (DS7720B), Synology (DS2419+)
# and Digidragon (DS6018) write theirs, so no hyphen is made up for them. A Hikvision
# recorder named run-on ('nvr-ds7608ni') is left unread for the same reason: its number
# ('7608NI') has the same shape as Brocade's. It is
# still one character of the pattern made up, so it counts 0.9 of the pattern: a high
# confidence pattern read so (0.95 * 0.9 = 0.855) stays above a medium one read as written.
HYPHEN_DROPPED = 0.9

# A model number in a hostname ('cam-ds2cd2143-lobby') was typed by whoever named the device,
# usually from its label; but a device keeps its name when it is swapped for another make,
# and names also say what a device serves ('nvr-for-ds2cd'). It counts 0.8 of the pattern:
# a high confidence pattern in a hostname alone gives 0.76.
HOSTNAME_MODEL = 0.8

# A vendor name in a hostname ('dahua-cam-03', 'HIK-NVR-01') says what someone called the
# device, not who made it. Only a whole word of the hostname matching a name exactly counts
# (no typos, no names inside words: 'hikaru-pc' is not Hikvision), at 0.5 of a name; the
# combiner discounts a name under 100 once more (FUZZY_DISCOUNT), so it gives 0.95 * 0.5 *
# 0.9 = 0.43 alone: under ALTERNATIVE_MIN, so a hostname never raises a conflict against a
# make, model or MAC that says otherwise, yet it names the maker when nothing else does.
HOSTNAME_NAME = 0.5

# The confidence an attribution needs before any rule that turns on who made the item (a
# ban, a listing, a state-ownership risk) is given for it. Under it the evaluator gives only
# the review rules (`weak: true`, i.e. RISK-WEAK-ATTRIBUTION, and `conflicting: true`): the
# finding says the confidence, why it is weak and what would apply once the maker is
# confirmed. It is ALTERNATIVE_MIN: a signal too weak to contradict another is too weak to
# ban on its own. Every single signal the pack calls a hint lands under it: a supplier alone
# (0.3: it says who sold the item, not what it is), a vendor's name in a hostname (0.43),
# anything reached through a low-confidence tie or pattern (at most 0.4: HIKSEMI 0.38, Hytera
# US Inc. 0.38). Every signal the pack trusts lands over it, the weakest being a medium
# pattern read from a hostname with its hyphen made up (0.8 * 0.9 * 0.8 = 0.576). On the
# labelled corpus (evaluate.py --reliability) no attribution falls under 0.5 and every bucket
# from 0.5 up is right on every row, so the corpus vouches for nothing under it.
ATTRIBUTION_FLOOR = ALTERNATIVE_MIN

# Hints do not add up. A signal under the floor on its own is a hint: a supplier (0.3; 0.24
# through a medium tie), a vendor's name in a hostname (0.43), a name reached only through a
# low-confidence tie (0.38). Two hints that agree are seldom independent evidence, which is
# what adding them up (1 - product of misses) assumes: both are what the organisation wrote
# about the purchase, not what the device says of itself. A device is named on the network
# after the invoice or delivery note, so 'hikvision-cam-01' bought from 'Hikvision UK Ltd' is
# one observation written twice; a HiWatch make bought from a Hikvision distributor shows what
# the distributor sells, which is what the low tie already stands for. Added up they gave 0.60
# and 0.57: a ban on two hints. So of one group's hints only the strongest counts, and it still
# adds to the signals the pack trusts (a make, a model, a MAC, an FCC ID), which come from the
# device or its maker and are independent of the invoice. Two signals reached through the
# same low-confidence tie are the plainest case: a HiWatch make and a HiWatch model number
# (HWI-B121H) are two readings of one brand, and the tie that makes each weak is the same
# tie, yet adding them up counted its doubt twice (0.578, a ban; now 0.38, a review). That is
# the one labelled corpus row this moves (evaluate.py --reliability); the corpus holds no row
# whose only signals are a supplier and a hostname, so it cannot say how often such rows are
# right, and under the floor a person is asked to confirm the maker.
HINT_BELOW = ATTRIBUTION_FLOOR
