"""The five measures of the notice, one small pure rule each.

Every rule takes complete, normalised answers and returns a result code.
It is registered with the facts that do not depend on the answers:
its number in the notice, the paragraph it implements (`citation`), the
guidance page that explains it, and the documents each result involves
(for measure 4, the notice's `examples` of documents that may be signed
electronically: examples, never a checklist).

A rule claims no more than the notice: where the notice is silent for a
case, the result is `not_stated`. Which answers a rule read to reach its
result (`because`) is recorded by the engine as the rule runs, not listed
here by hand.
Whether a measure is in force on a date is not the rule's business: that
comes from `status.toml` (see `status.py`) and is applied by the engine.

Wording for visitors lives in `texts.toml` (read by `texts.py`), keyed by the same codes.
"""

# Measure 1 says extension and cancellation involve a salary commitment;
# for the other applications the visitor is asked (see flow.py).
APPLICATIONS_WITH_SALARY_COMMITMENT = ("extension", "cancellation")
# Measure 1 speaks of applications made in China (tax records of a salary
# paid here); it does not say how it applies to an application from abroad,
# so the salary and tax questions are not asked for one.
APPLICATIONS_MEASURE_1_IS_SILENT_ON = ("new_from_abroad",)


class Rule:
    """A measure: its rule function plus the facts shown with every outcome."""

    __slots__ = ("key", "number", "citation", "page", "source", "documents", "examples", "epidemic_results",
                 "decide")

    def __init__(self, key, number, citation, page, documents, decide, examples=None, epidemic_results=()):
        self.key = key
        self.number = number
        self.citation = citation
        self.page = page  # site-relative guidance page, e.g. "measures/tax-records/"
        self.source = page + "#who-it-applies-to"
        self.documents = documents  # result code -> tuple of document keys
        # result code -> the notice's examples (measure 4); None: the outcome lists `documents`
        self.examples = examples
        # The results that rest on the notice's epidemic condition ("due to Covid-19", "until the epidemic is
        # alleviated"): their outcomes carry that condition beside a dated public fact (texts.toml [epidemic]).
        self.epidemic_results = epidemic_results
        self.decide = decide

    @property
    def results(self):
        """Every result code the rule can give (not counting not_in_force)."""
        return tuple(self.documents)

    def __repr__(self):
        return f"Rule({self.key!r}, measure {self.number})"


RULES = []  # in the notice's order


def measure(key, number, citation, page, documents, examples=None, epidemic_results=()):
    """Register the decorated function as the rule of one measure."""

    def register(decide):
        RULES.append(Rule(key, number, citation, page, documents, decide, examples, epidemic_results))
        return decide

    return register


# --- Measure 1 --------------------------------------------------------------

TAX_RECORDS_CITATION = (
    "Notice, “First, tax records can be exempted. In applications for permit "
    "extension, cancellation, and other matters that involve salary commitments, "
    "foreign applicants who cannot go to the tax bureaus to get the required tax "
    "records due to Covid-19 can upload an explanation in the online system and "
    "promise to cooperate with the authorities in possible checks later. Meanwhile "
    "foreign applicants still need to provide the screenshot of personal tax "
    "withholding details from the Natural Person Electronic Tax Bureau (Withholding End).”"
)

EXEMPTION_DOCUMENTS = ("covid_explanation", "cooperation_commitment", "withholding_screenshot")


def salary_commitment_involved(answers):
    return (
        answers["application"] in APPLICATIONS_WITH_SALARY_COMMITMENT
        or answers.get("salary_commitment") is True
    )


@measure(
    "tax_records", 1, TAX_RECORDS_CITATION, "measures/tax-records/",
    documents={
        "not_applicable": (),
        "not_stated": (),
        "required": ("tax_records",),
        "exempt": EXEMPTION_DOCUMENTS,
        "exempt_after_screenshot": EXEMPTION_DOCUMENTS,
    },
    # "due to Covid-19": the exemption, and so its refusal, rest on the epidemic.
    epidemic_results=("required", "exempt", "exempt_after_screenshot"),
)
def tax_records(answers):
    if answers["application"] in APPLICATIONS_MEASURE_1_IS_SILENT_ON:
        return "not_stated"
    if not salary_commitment_involved(answers):
        return "not_applicable"  # measure 1 is about salary commitments only
    if not answers["tax_bureau_unreachable"]:
        return "required"  # the exemption is only for those Covid-19 keeps away
    if answers["has_withholding_screenshot"]:
        return "exempt"
    return "exempt_after_screenshot"  # the screenshot is still needed


# --- Measure 2 --------------------------------------------------------------

ONLINE_CITATION = (
    "Notice, “Second, the Online Approval Process for Foreigner’s Work Permit is "
    "expanded. Besides work permit extension, information change, cancellation, "
    "reissue, change of employers, and the application for work permit after entry, "
    "foreign high-end Talents’ (Category A) applications in China (except those "
    "scoring 85 points and above in Category A) can also be handled online.”"
)

ONLINE_FOR_EVERY_CATEGORY = (
    "extension",
    "information_change",
    "cancellation",
    "reissue",
    "change_of_employer",
    "after_entry",
)


@measure(
    "online", 2, ONLINE_CITATION, "measures/online-approval/",
    documents={"yes": (), "no": ()},
)
def online(answers):
    if answers["application"] in ONLINE_FOR_EVERY_CATEGORY:
        return "yes"
    if (
        answers["application"] == "new_in_china"
        and answers["category"] == "A"
        and answers["category_a_route"] == "criteria"  # 85+ points are excepted
    ):
        return "yes"
    return "no"  # includes new_from_abroad: the notice does not extend it


# --- Measure 3 --------------------------------------------------------------

CHIP_UPDATE_CITATION = (
    "Notice, “Third, chip data update of foreigner’s work permit on-site at the "
    "premises of the responsible agency can be deferred.” / "
    "“三、可延缓前往受理机构更新外国人工作许可证芯片。”"
)

# No permit card results from these, so there is no chip to update.
NO_PERMIT_CARD = ("cancellation", "new_from_abroad")
# An existing card whose QR code the approval updates: the notice's case.
EXISTING_PERMIT_CARD = ("extension", "information_change", "change_of_employer")
# The others make or remake a card (new_in_china, after_entry, reissue): the
# notice does not say whether that can wait.


@measure(
    "chip_update", 3, CHIP_UPDATE_CITATION, "measures/chip-update/",
    documents={"deferrable": ("approval_decision",), "not_stated": (), "not_applicable": ()},
    epidemic_results=("deferrable",),  # "until the epidemic is alleviated"
)
def chip_update(answers):
    if answers["application"] in NO_PERMIT_CARD:
        return "not_applicable"
    if answers["application"] in EXISTING_PERMIT_CARD:
        return "deferrable"
    return "not_stated"


# --- Measure 4 --------------------------------------------------------------

E_SIGNATURE_CITATION = (
    "Notice, “Fourth, the electronic signature of a foreign applicant on application "
    "documents is accepted. The applicant can provide his or her electronic signature "
    "on application documents such as the labor contract, employment separation "
    "certificate and application form. Both the employer and the applicant shall be "
    "responsible for the authenticity and legality of the electronic signature.”"
)


@measure(
    "e_signature", 4, E_SIGNATURE_CITATION, "measures/e-signature/",
    documents={"accepted": ()},
    # "such as": the notice's examples of what may be signed, not a list of what must be provided.
    examples={"accepted": ("labor_contract", "separation_certificate", "application_form")},
)
def e_signature(answers):
    return "accepted"  # the notice sets no condition


# --- Measure 5 --------------------------------------------------------------

JOINT_RESIDENCE_PERMIT_CITATION = (
    "Notice, “Fifth, the scope of simultaneous work and residence permit application "
    "is expanded. We further implement the policy that allows applicants to submit the "
    "applications for work and residence permits at the same counter and collect both "
    "permits simultaneously, and expand the scope of the service from foreign high-end "
    "talents (Category A) to foreign professionals (Category B). The service is now "
    "available at 8 district-level counters citywide.”"
)

# The site's reading: no work permit is applied for in China together with a residence permit for these.
NO_JOINT_APPLICATION = ("new_from_abroad", "cancellation")
# The notice sets no condition on the application type and does not name a reissue.
JOINT_APPLICATION_NOT_STATED = ("reissue",)
JOINT_APPLICATION_CATEGORIES = ("A", "B")


@measure(
    "joint_residence_permit", 5, JOINT_RESIDENCE_PERMIT_CITATION,
    "measures/work-and-residence-permits/",
    documents={"available": (), "not_available": (), "not_stated": (), "not_applicable": ()},
)
def joint_residence_permit(answers):
    if answers["application"] in NO_JOINT_APPLICATION:
        return "not_applicable"
    if answers["application"] in JOINT_APPLICATION_NOT_STATED:
        return "not_stated"
    if answers["category"] in JOINT_APPLICATION_CATEGORIES:
        return "available"  # where the work and residence permits are applied for together
    return "not_available"  # Category C: the notice stops at Category B


RULES = tuple(RULES)
RULES_BY_KEY = {rule.key: rule for rule in RULES}
MEASURE_KEYS = tuple(RULES_BY_KEY)

# The result every outcome can have when its measure is not in force.
NOT_IN_FORCE = "not_in_force"
