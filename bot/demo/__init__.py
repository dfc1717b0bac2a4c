"""The synthetic office: a fictional ward's collection office as an import directory.

``generate_office(out_dir=..., cases=4500, seed=1)`` writes the data contract's CSV files and,
in ``truth/``, what the generator knows and the office does not. Everything below is drawn from
one ``numpy`` Generator seeded with ``seed``: the same arguments give the same bytes.
"Today" is fixed at 2026-10-01 (fiscal year 2026, half elapsed).

The generative story (what signals exist; engines must learn them from the imported data):

Ward (``world.py``)
    けやき区 near 35.735N 139.648E: 26 町 on a 6×5 grid, one to three 丁目 each (≈50 町丁目),
    six stations. Three districts west→east; the western fringe is farmland.
Institutions and branches (``world.py``)
    Three megabanks (branches at most stations), two regional banks (two station branches),
    ゆうちょ (a 郵便局 in every 町), three 信用金庫 and two 信用組合 each rooted in one district
    (most of their branches there), three online banks (one HQ at most), JA けやき野 in the
    farmland, six life insurers and four securities firms (two belong to megabank groups).
    Officers' abbreviations are in ``InstitutionRec.aliases`` and follow the usual rules
    (〇〇銀行→〇〇銀, 〇〇信用金庫→〇〇信金, 〇〇信用組合→〇〇信組, ゆうちょ→郵貯/郵便局,
    〇〇農業協同組合→JA〇〇/農協, 〇〇生命保険→〇〇生命).
Employers (``population.py``)
    About one per 12 taxpayers, Pareto-sized (so co-workers exist); 65 % in the ward. Each has a
    hidden payroll bank: in-ward employers use a megabank, a regional bank, their district's 信金
    (30 %), a 信組, or (IT) an online bank; outside employers mostly a megabank. 45 % have a
    職域 life insurer.
Taxpayers (``population.py``)
    Ages mostly 20-65 with an elderly tail; ~62 % of the working age have an employer on record
    (給与支払報告書); 失業 keeps last year's employer on record but no job; 18 % changed jobs
    (the office does not know the new employer; notes often say 退職済). Business income more in the farmland; pension
    from 65; 固定資産税 rises with age and farmland; 軽自動車税 with farmland and business.
    ~14 % carry a hardship (失業, 多重債務, 病気・入院, 生活困窮, 生活保護申請中), 3 % receive
    welfare. Incomes are written as the amount, a declared 0, or empty (unknown).
Holdings, the truth (``holdings.py``)
    Deposits: the employer's payroll bank (p≈0.86; an old employer's account stays open p=0.6);
    ゆうちょ (0.15 for the young, ≈0.8 for the elderly and pensioners — not "everyone"); the
    district's 信金 (0.3-0.9: more for business owners and the older, more when a branch is within
    500 m) — neighbours share it; the district's 信組 for business owners; JA for the older people
    and farmers of the farmland only; an online bank for half of the young salaried (IT employees:
    ミライネット, under 30: ポケット, else mostly そらいろ); megabanks and regional banks only weakly
    by distance from home (0.04-0.14) and from an in-ward workplace — proximity is what officers
    over-trust. Hardship lowers all of it. Life insurance for working-age
    households, 60 % the employer's 職域 insurer when there is one; securities for high income or
    property, half the time the payroll megabank's house broker, the young at the online broker.
    Salary at the current (true) employer; pension iff pension income (97 %); real estate mostly
    iff 固定資産税; vehicle mostly iff 軽自動車税 (10 % have a car without it); receivable for
    most business owners.
Cases and staff (``caseload.py``)
    ``cases`` open cases plus 10 % closed or suspended (hardship makes suspension likelier);
    one to three cases per taxpayer over 住民税, 国民健康保険料, 固定資産税, 軽自動車税, 介護保険料,
    chosen by income, age and assessments; amounts = per-period amount × periods × noise.
    Staff: max(15, round(cases/350)), one supervisor per 係 (3-12 係); years of experience 30 %
    0-2, 40 % 3-9, 30 % 10-25 (supervisors 12-30); speed (truth, hours multiplier) =
    (0.35 + 1.5·exp(-0.09·years)) × lognormal(0, 0.15): a newcomer ≈1.85, ten years ≈0.96, twenty
    ≈0.6 — experience helps, with individual variation; level 1 新任 (speed > 1.2) … 4 熟練
    (≤ 0.75). Capacity (max open cases) ≈1.3 × cases/staff, more for veterans (×1.7) than for
    newcomers (×0.7); the sum is ≥1.25 × the open cases. Staff only appear in the fiscal years they
    were already there (years of experience).
    Effort (truth, hours per fiscal year at speed 1, median ≈6): log-linear in amount (0.3) and
    periods (0.15), +0.25 several cases of the taxpayer, +0.55 hardship or welfare, +0.35 business
    income, +0.25 固定資産税, −0.35 軽自動車税, +0.25 no contact (working age, no job, no
    business), −0.2 with a 分納誓約, lognormal noise 0.3. Difficulty 1/2/3 at the 40th/80th
    percentiles. Each April a case stays with its officer (55 %) or moves; supervisors lean hard
    cases to experienced officers (so a slow case is easily mistaken for a slow officer). The
    current table respects capacities.
Work log (``worklog.py``)
    Rows per (case, holder, fiscal year): hours = effort × speed × exposure × lognormal(0, 0.25),
    exposure = share of that fiscal year the case was open (the current year is half over).
経過記録 (``history.py``)
    1-3 lines per case (hardship cases more), dated on distinct days while the case was open,
    written by whoever held the case that fiscal year: routine 催告 (催告書送付, 電話催告、不在,
    臨戸、不在票差置 …), a 分納誓約 once and then follow-ups (分納不履行 …), hardship lines for about
    two thirds of hardship taxpayers (失業, 多重債務, 病気・入院, 生活困窮, 生活保護申請中) and a few
    false alarms (生活が苦しいと言うが…), employers by short name (勤務先〇〇に在籍確認、在籍あり /
    退職済 — a job that ended is written down more often), life-insurance deductions (mostly the
    insurer held), and banks by full name or abbreviation: 80 % of bank mentions name a bank the
    taxpayer holds (給与振込は…とのこと for the payroll bank, 年金は…で受取 for ゆうちょ), the rest a
    random bank (解約した, 以前は…, or even 口座ありと聴取).
財産調査履歴 (``history.py``)
    Three ways a target gets asked, on distinct days over the case's life (≈3.3 rows per case;
    ≈126,000 rows for 35,000 cases), drawn from a stream of their own (the files written later
    do not shift when these habits change):
    - the officer's own batches (Poisson 0.55, plus one 30 % of the time; 1-4 inquiries each),
      chosen by a veteran's habits with Gumbel noise: megabanks and ゆうちょ first for everyone,
      nearer branches more, +5 for a bank named in an earlier note of the taxpayer, the employer
      on record, pension for the elderly, real estate / vehicle / receivable when assessed,
      rarely insurers and brokers, and a small flat chance for any bank;
    - the 一斉照会 through the 電子照会 service: every institution with ``electronic_inquiry`` (16:
      the megabanks, 武蔵中央, ゆうちょ, みどり信金, the online banks, four insurers, three
      brokers) asked on one day, for 5 % of the cases plus 16 % more of the highest quarter by
      amount due, at the start of 滞納整理 (the first June the case is under investigation; a
      high-amount case opened later goes in any day). Nobody's hunch chooses these answers;
    - an exploratory paper inquiry (30 % of the cases) to one institution off the electronic
      list, chosen uniformly (西都・けやき信金, the 信組, JA, 関東さつき, two insurers, a broker).
    A target asked before is asked again by choice seldom (×0.12 after not_found, ×0.03 after
    found); the 一斉照会 asks everything on its list. Fewer inquiries for hardship, hardly any
    for welfare. found iff held (95 %; a closed or empty account otherwise), 1 % false found;
    the amount is the holding's amount with noise. The truth does not change over time.

What simple hand rules miss and a learned model can find: the age dependence of ゆうちょ; that
megabank proximity means little; co-workers share the payroll bank; neighbours share the district's
信金; JA only for the farmland's older people and farmers; online banks for the young salaried (by
age and industry); 失業 / 退職済 in the notes make the salary inquiry futile; vehicle and real estate
follow the assessments; the 職域 insurer; the payroll megabank's broker.

``truth/odds.csv`` holds, for every (taxpayer, target) the generator considered, the probability
it drew the holding with (hidden facts included: the true employer, employment, hardship).
Ranking by it is the best any method can expect; the evaluation prints it as a reference.
``--officer-style`` (``bot.demo.styles``) changes how officers chose inquiries (the history's
selection bias): ``veteran`` (default), ``big-banks``, ``explorer`` or ``mixed``; the holdings stay
the same. ``--notes-style`` (``bot.demo.notes_styles``) rewrites the 経過記録's wording:
``standard`` (default), ``terse`` (勤務先:〇〇 在籍○, 口座→△△信金 …) or ``vague`` (most bank names
informal — 地元の信金, 大手銀行 — and most employer names left out); nothing else changes.
``--drift`` (``bot.demo.drift``): ``none`` (default) or ``shift``, where 大和橋銀行 loses
customers to 東都中央銀行 over the history (older inquiries find 大和橋 more and 東都中央 less
than today's holdings say); the truth stays today's. ``truth/hardship_truth.csv`` holds each taxpayer's hidden hardship (empty: none) and welfare;
the evaluation scores the hardship triage's precision and recall against it.

Measured with ``choshu evaluate recommender --truth OUT/truth`` (time-based holdout at the 80 %
date quantile; assets held among the top 5 targets per 200 holdout cases), 2026-11-24:

=================  ======  ======  ======  =======  =======  ===========  ======
office             novice  popul.  rules   model    ceiling  gen. odds    oracle
=================  ======  ======  ======  =======  =======  ===========  ======
4,500 seed 1       183.8   212.6   375.4   407.9    416.7    446.6        572.6
4,500 seed 2       178.4   231.6   391.6   420.4    430.3    458.9        579.4
4,500 seed 3       157.5   214.6   368.4   400.2    416.5    447.4        558.5
35,000 seed 1      185.8   220.2   391.3   432.1    437.8    459.4        583.8
35,000 seed 2      185.2   214.6   380.9   426.2    432.3    453.2        573.5
300 seed 7         197.6   249.4   425.9   425.9    430.6    529.4        637.6
=================  ======  ======  ======  =======  =======  ===========  ======

(rules: the veteran's hand rules; ceiling: the model's features and booster fitted to the truth
of earlier cases of other taxpayers.) The veteran's rules already take most of what this ward
offers: the generator's own probabilities beat them by 15-21 %. The model (which gets the rules'
score as a feature) gains 7-12 % over them (paired-bootstrap 95 % intervals within 1.06-1.10 at
4,500 cases, 1.10-1.13 at 35,000), 66-88 % of what its features could learn from complete labels;
adding segment rates or an institution-kind × age category did not move the ceiling. The rest of
the gap to the generator's odds is what the office's data does not show (a new employer after a
job change, unknown business income). With only ~1,000 inquiries of history (300 cases) the
learnt ranking does not beat the rules yet (409.4; holdout AUC 0.785 against the rules' 0.839),
so the model ranks by the rules there (425.9, the same as the veteran).
"""

from bot.demo.office import generate_office

__all__ = ["generate_office"]
