"""Every tunable number of term discovery and the term-variation rule, in one place.

Values were set on the three gold sets (``benchmarks/terms_discovery.py``: mac-dev, academic,
political, gold alignments) and on our hand-made articles in ``tests/data/terms``; where a value
was chosen leave-one-set-out, the comment says so.
"""

from __future__ import annotations

# -- which source terms ----------------------------------------------------------------------

#: a term must occur at least this often (issue 20: "repeated noun phrases (≥ 2 occurrences)").
MIN_OCCURRENCES = 2
#: a lower-case single English word is a term only when it is no more common than this on
#: wordfreq's zipf scale (3 = once per million words): "sovereign" 3.95, "commonwealth" 4.34 and
#: "imagination" 4.22 stay in; "people" 6.25, "always" 5.76, "obvious" 4.63 stay out. 4.5 kept the
#: academic set's key words (Leviathan) and dropped its everyday words.
WORD_MAX_ZIPF = 4.5
#: a sentence-initial capitalised word is a name when its lower-case form is this rare (Karpathy 0,
#: Anthropic 0; "Frontier" 3.9 and "Several" 4.9 are ordinary words that start sentences).
NAME_START_MAX_ZIPF = 2.5
#: a Chinese source word must have at least this many characters (一 / 人 are too generic to be a
#: glossary entry; 党 is the exception list below).
MIN_HAN_CHARS = 2
#: multi-word English phrases: 2 or 3 content words.
PHRASE_SIZES = (2, 3)

# -- candidate renderings --------------------------------------------------------------------

#: a rendering candidate is a run of 1 to this many words of the aligned target (issue 20).
MAX_RUN_WORDS = 4
#: longest Chinese rendering candidate in characters (递归式自我升级 has 7).
MAX_RUN_CHARS = 10

# -- scoring -----------------------------------------------------------------------------------

#: score = COS_WEIGHT * cosine(term, candidate) + DICE_WEIGHT * Dice(term, candidate) over pairs.
#: The embedding tells meaning (doom ~ 末日 0.50, doom ~ 研究 0.11), Dice tells which of the
#: near-synonyms in the pair is the one that follows the term around the document.
COS_WEIGHT = 1.0
DICE_WEIGHT = 0.6
#: a pair's best candidate is its rendering only above this score; below it the term is taken as
#: left out or paraphrased in that pair (no rendering counted).
MIN_PAIR_SCORE = 0.55
#: "Dr Karpathy": a candidate extending the kept name (Karpathy博士) replaces it when its cosine is
#: at most this much lower (Karpathy回应, the name and the next verb, is further away).
NAME_EXTEND_COS_DROP = 0.15
#: a longer candidate found in exactly the same pairs as the best one replaces it when its cosine is
#: at most this much lower (前沿模型论坛 for Frontier Model Forum, not the piece 模型论坛).
WHOLE_SAME_PAIRS_COS_DROP = 0.1
#: candidates compared per term by embedding: the best by Dice (the rest co-occur by chance).
MAX_SCORED_CANDIDATES = 60
#: renderings listed per term
MAX_RENDERINGS = 4

#: two English renderings are one word family when their first words' stems share a prefix of at
#: least this many letters and this share of the shorter stem (china / chines 4 of 5, social /
#: socialist, econom / economi; not grandma / granni 4 of 6, nor life / live).
FAMILY_MIN_PREFIX = 4
FAMILY_PREFIX_SHARE = 0.8

# -- term variation ---------------------------------------------------------------------------

#: a competing rendering counts only when its own cosine to the term is at least this (a
#: synonym: doom ~ 末世 0.53) ...
VARIANT_MIN_COS = 0.45
#: ... when it was chosen in at least this many pairs ...
VARIANT_MIN_PAIRS = 2
#: ... in at least this share of the pairs where the term got a rendering (a translator's
#: occasional synonym, growth for 发展 in 4 of 200 pairs, is style; 末世 in a third is a choice) ...
VARIANT_MIN_SHARE = 0.2
#: ... and when at least this share of the pairs whose translation has it also have the term in
#: their source (a word the translation uses everywhere is not this term's rendering).
VARIANT_MIN_PRECISION = 0.5
#: a term is checked for variation only when it occurs in at least this many pairs.
VARIATION_MIN_PAIRS = 2
