"""Every word a visitor sees, in English and Chinese, keyed by stable codes.

Data only: no logic reads these strings, and nothing here decides anything.
Chinese terms follow the site's glossary (外国人工作许可证, 外国高端人才（A类）,
自然人电子税务局（扣缴端）, 《准予行政许可决定书》 ...). Facts that the notice
does not state (dates, addresses, durations, which counters) are not written
here: the texts point to the agency's website instead.

Templates have fields in braces: {question}, {allowed}, {field}, {options},
{date}, {note}, {replaced_by}, {command}. `fill` replaces them in one pass
(not str.format: other braces, as in a JSON example, stay as they are, and
a value that itself contains "{field}" is not replaced again). The browser
can do the same with a regular expression.
"""

import re

_FIELD = re.compile(r"\{([a-z_]+)\}")


def t(en, zh):
    return {"en": en, "zh": zh}


def fill(template, **values):
    """Put values into a template's {fields}; unknown fields are left as written."""
    return _FIELD.sub(lambda m: str(values.get(m.group(1), m.group(0))), template)


AGENCY_SITE = "https://www.8610hr.cn/"

YES_NO = {
    "yes": {"label": t("Yes", "是")},
    "no": {"label": t("No", "否")},
}

QUESTIONS = {
    "application": {
        "short": t("Application", "申请事项"),
        "label": t("What is the application for?", "本次申请办理什么业务？"),
        "help": t(
            "Choose the matter the employer applies for on behalf of the foreign talent.",
            "请选择用人单位为外籍人才申请办理的业务。",
        ),
        "options": {
            "new_from_abroad": {
                "label": t(
                    "First application from outside China (for the Notification Letter of Foreigner’s Work Permit)",
                    "境外首次申请（办理《外国人工作许可通知》）",
                ),
                "help": t(
                    "The applicant is outside China; the result is the Notification Letter of Foreigner’s Work Permit, used to enter China.",
                    "申请人在中国境外，申请结果为入境所用的《外国人工作许可通知》。",
                ),
            },
            "new_in_china": {
                "label": t("First application made in China", "境内首次申请"),
                "help": t(
                    "The applicant is already in China and applies for the first time.",
                    "申请人已在中国境内，首次申请。",
                ),
            },
            "after_entry": {
                "label": t("Application for the work permit after entry", "入境后申请工作许可证"),
                "help": t(
                    "The applicant entered China with the Notification Letter of Foreigner’s Work Permit and now applies for the Foreigner’s Work Permit itself.",
                    "申请人持《外国人工作许可通知》入境后，申请外国人工作许可证。",
                ),
            },
            "extension": {
                "label": t("Extension", "延期"),
                "help": t("Extending an existing Foreigner’s Work Permit.", "外国人工作许可证延期。"),
            },
            "information_change": {
                "label": t("Information change", "信息变更"),
                "help": t(
                    "Changing the information of an existing Foreigner’s Work Permit (a new employer is a separate choice).",
                    "变更外国人工作许可证的信息（更换用人单位请选“变更用人单位”）。",
                ),
            },
            "cancellation": {
                "label": t("Cancellation", "注销"),
                "help": t("Cancelling an existing Foreigner’s Work Permit.", "注销外国人工作许可证。"),
            },
            "reissue": {
                "label": t("Reissue", "补办"),
                "help": t("Having a Foreigner’s Work Permit reissued.", "补办外国人工作许可证。"),
            },
            "change_of_employer": {
                "label": t("Change of employer", "变更用人单位"),
                "help": t("The foreign talent moves to a new employer.", "外籍人才更换用人单位。"),
            },
        },
    },
    "category": {
        "short": t("Category", "人员类别"),
        "label": t("Which category is the applicant in?", "申请人属于哪一类？"),
        "help": t(
            "The category of the Foreigner’s Work Permit: A, B or C.",
            "外国人工作许可的类别：A类、B类或C类。",
        ),
        "options": {
            "A": {"label": t("Category A: foreign high-end talent", "外国高端人才（A类）")},
            "B": {"label": t("Category B: foreign professional", "外国专业人才（B类）")},
            "C": {"label": t("Category C: other foreign personnel", "其他外国人员（C类）")},
        },
    },
    "category_a_route": {
        "short": t("85 points or more", "计点积分85分以上"),
        "label": t(
            "Does the applicant score 85 points or more on the points system?",
            "申请人计点积分是否在85分以上？",
        ),
        "help": t(
            "The notice brings Category A applications made in China online, except those scoring 85 points and "
            "above, whatever else qualifies the applicant for Category A.",
            "通知将外国高端人才（A类）在境内提出的申请纳入网上办理，但计点积分85分以上的A类申请除外，"
            "不论申请人是否另有其他A类认定条件。",
        ),
        "options": {
            "points": {"label": t("Yes: 85 points or more", "是：计点积分85分以上"), "short": t("Yes", "是")},
            "criteria": {
                "label": t("No: fewer than 85 points, or not scored", "否：计点积分不足85分，或未计分"),
                "short": t("No", "否"),
            },
        },
    },
    "salary_commitment": {
        "short": t("Salary commitment involved", "涉及薪资承诺"),
        "label": t(
            "Does the application involve a salary commitment that tax records would prove?",
            "本次申请是否涉及需以纳税记录证明的薪资承诺？",
        ),
        "help": t(
            "The notice names extension and cancellation as matters that involve salary commitments; other "
            "matters may involve them too. The application’s requirements in the online system say whether tax "
            "records are asked for.",
            "通知指出延期、注销等事项涉及薪资承诺，其他事项也可能涉及。是否需要提供纳税记录，"
            "以网上系统中该业务的申请要求为准。",
        ),
        "options": YES_NO,
    },
    "tax_bureau_unreachable": {
        "short": t("Cannot go to the tax bureau (Covid-19)", "因疫情无法前往税务机关"),
        "label": t(
            "Because of Covid-19, is the applicant unable to go to the tax bureau to get the tax records?",
            "申请人是否因新冠肺炎疫情无法前往税务机关开具纳税记录？",
        ),
        "help": t(
            "The notice exempts from tax records only applicants who cannot go to the tax bureau because of Covid-19.",
            "通知仅对因新冠肺炎疫情无法前往税务机关的申请人免于提供纳税记录。",
        ),
        "options": YES_NO,
    },
    "has_withholding_screenshot": {
        "short": t("Has the withholding screenshot", "已有扣缴明细截图"),
        "label": t(
            "Does the applicant have the screenshot of personal tax withholding details from the Natural Person Electronic Tax Bureau (Withholding End)?",
            "申请人是否已有自然人电子税务局（扣缴端）的个人所得税扣缴明细截图？",
        ),
        "help": t(
            "The notice still requires this screenshot. The site’s reading, not the notice’s words: the employer, "
            "as withholding agent, uses the Natural Person Electronic Tax Bureau (Withholding End) and can usually "
            "take it.",
            "通知规定仍需提供该截图。以下为本网站的理解，并非通知原文：用人单位作为扣缴义务人使用"
            "自然人电子税务局（扣缴端），通常可以截取该截图。",
        ),
        "options": YES_NO,
    },
}

# The exemption's steps, shared by "exempt" and "exempt_after_screenshot".
_EXEMPT_EN = (
    "Under the notice, the applicant can be exempted from providing tax records. Instead: (1) upload in the online "
    "system an explanation that the applicant cannot go to the tax bureau for the tax records because of "
    "Covid-19; (2) promise to cooperate with the authorities in possible checks later; "
)
_EXEMPT_ZH = (
    "根据通知，申请人可免于提供纳税记录，改为：（1）在网上系统上传情况说明，说明申请人因新冠肺炎疫情无法前往"
    "税务机关开具纳税记录；（2）承诺配合有关部门后续可能开展的核查；"
)
_ASK_AGENCY_EN = "ask the Beijing Overseas Talents Center (" + AGENCY_SITE + ")."
_ASK_AGENCY_ZH = "请向北京海外学人中心（" + AGENCY_SITE + "）咨询。"

OUTCOMES = {
    "tax_records": {
        "label": t("Exemption from tax records", "免于提供纳税记录"),
        "results": {
            "not_applicable": {
                "label": t("Measure 1 does not apply", "第一项措施不适用"),
                "explanation": t(
                    "Measure 1 does not apply: you said no salary commitment is involved, and measure 1 is about "
                    "applications that involve salary commitments. The notice says nothing else about tax records "
                    "for this case.",
                    "第一项措施不适用：您表示本次申请不涉及薪资承诺，而第一项措施针对的是涉及薪资承诺的事项。"
                    "对此情形下的纳税记录，通知未作其他说明。",
                ),
            },
            "not_stated": {
                "label": t("Not stated in the notice", "通知中未载明"),
                "explanation": t(
                    "The notice does not say how measure 1 applies to an application made from outside China (for "
                    "the Notification Letter of Foreigner’s Work Permit). For this case, " + _ASK_AGENCY_EN,
                    "通知未说明第一项措施如何适用于境外首次申请（办理《外国人工作许可通知》）。此类情形"
                    + _ASK_AGENCY_ZH,
                ),
            },
            "required": {
                "label": t("Tax records as usual", "按常规提供纳税记录"),
                "explanation": t(
                    "The application involves a salary commitment and the applicant can go to the tax bureau. The "
                    "notice’s exemption is only for applicants who cannot go to the tax bureau because of Covid-19, "
                    "so it does not apply here: the tax records are provided as usual.",
                    "本次申请涉及薪资承诺，且申请人可以前往税务机关。通知的免于提供措施仅适用于因新冠肺炎疫情"
                    "无法前往税务机关的申请人，因此本情形不适用，纳税记录按常规提供。",
                ),
            },
            "exempt": {
                "label": t("Tax records can be exempted", "可免于提供纳税记录"),
                "explanation": t(
                    _EXEMPT_EN
                    + "(3) provide the screenshot of personal tax withholding details from the Natural Person "
                    "Electronic Tax Bureau (Withholding End), which the applicant already has.",
                    _EXEMPT_ZH
                    + "（3）提供自然人电子税务局（扣缴端）的个人所得税扣缴明细截图（申请人已有）。",
                ),
            },
            "exempt_after_screenshot": {
                "label": t(
                    "Tax records can be exempted, with the screenshot",
                    "取得截图后可免于提供纳税记录",
                ),
                "explanation": t(
                    _EXEMPT_EN
                    + "(3) provide the screenshot of personal tax withholding details from the Natural Person "
                    "Electronic Tax Bureau (Withholding End): the notice still requires it, and the applicant does "
                    "not have it yet. The site’s reading, not the notice’s words: the employer, as withholding agent, "
                    "uses that system and can usually take the screenshot.",
                    _EXEMPT_ZH
                    + "（3）提供自然人电子税务局（扣缴端）的个人所得税扣缴明细截图：通知规定仍需提供，申请人尚无该截图。"
                    "以下为本网站的理解，并非通知原文：用人单位作为扣缴义务人使用该系统，通常可以截取该截图。",
                ),
            },
        },
    },
    "online": {
        "label": t("Online Approval Process for Foreigner’s Work Permit", "外国人工作许可网上审批"),
        "results": {
            "yes": {
                "label": t("Can be handled online", "可网上办理"),
                "explanation": t(
                    "Under the notice, this application can be handled in the Online Approval Process for "
                    "Foreigner’s Work Permit: the applicant does not need to make a trip to the responsible agency "
                    "to submit the documents required.",
                    "根据通知，本申请可通过外国人工作许可网上审批办理，申请人无需前往受理机构提交所需材料。",
                ),
            },
            "no": {
                "label": t("Not covered by this notice’s online handling", "本通知未将其纳入网上办理"),
                "explanation": t(
                    "This notice does not extend online handling to this application. It covers extension, "
                    "information change, cancellation, reissue, change of employer, the application for the work "
                    "permit after entry, and Category A applications made in China except those scoring 85 points "
                    "and above. The notice does not say how other applications are handled: " + _ASK_AGENCY_EN,
                    "本通知未将本申请纳入网上办理。通知所列为延期、信息变更、注销、补办、变更用人单位、入境后申请工作许可证，"
                    "以及外国高端人才（A类）在境内提出的申请（计点积分85分以上的除外）。其他申请如何办理，通知未作说明，"
                    + _ASK_AGENCY_ZH,
                ),
            },
        },
    },
    "chip_update": {
        "label": t("Deferring the chip update", "延缓更新芯片"),
        "results": {
            "deferrable": {
                "label": t("The chip update can be deferred", "可延缓更新芯片"),
                "explanation": t(
                    "Under the notice, after the application is approved the employer can download from the system "
                    "the Decision on Approval of Administrative License with the electronic seal of the government "
                    "authorities concerned, and the QR code information on the Foreigner’s Work Permit is updated at "
                    "the same time. In principle the chip data should also be updated on-site at the premises of "
                    "the responsible agency; considering the grim situation of the epidemic, the employer and the "
                    "foreign talent can defer the chip update until the epidemic is alleviated.",
                    "根据通知，业务决定通过后，用人单位可在系统自行下载带有决定机构电子印章的《准予行政许可决定书》，"
                    "外国人工作许可证上的二维码信息也已同步更新；原则上芯片也应至受理机构现场更新，"
                    "但考虑疫情形势严峻，用人单位和外籍人才可延缓更新芯片，等疫情缓解再至现场更新。",
                ),
            },
            "not_stated": {
                "label": t("Not stated in the notice", "通知中未载明"),
                "explanation": t(
                    "This application makes a new Foreigner’s Work Permit card or remakes one (a first application "
                    "in China, the application after entry, or a reissue). The notice’s measure speaks of a permit "
                    "whose QR code information is updated on approval; it does not say whether a new or remade "
                    "card can wait for its chip. For this case, " + _ASK_AGENCY_EN,
                    "本申请将新制或补制外国人工作许可证（境内首次申请、入境后申请工作许可证或补办）。"
                    "通知所述措施针对的是审批通过后二维码信息同步更新的许可证，未说明新制或补制的许可证能否延缓更新芯片。"
                    "此类情形" + _ASK_AGENCY_ZH,
                ),
            },
            "not_applicable": {
                "label": t("Does not apply", "不适用"),
                "explanation": t(
                    "No Foreigner’s Work Permit card results from this application (a cancellation, or a first "
                    "application from outside China, which leads to the Notification Letter of Foreigner’s Work "
                    "Permit), so there is no chip to update.",
                    "本申请不产生外国人工作许可证（注销，或境外首次申请办理《外国人工作许可通知》），因此无需更新芯片。",
                ),
            },
        },
    },
    "e_signature": {
        "label": t("Electronic signature", "电子签名"),
        "results": {
            "accepted": {
                "label": t("Electronic signature accepted", "认可电子签名"),
                "explanation": t(
                    "Under the notice, the applicant can provide an electronic signature on application documents. "
                    "The notice gives as examples the labor contract, the employment separation certificate and "
                    "the application form. Both the employer and the applicant are responsible for the authenticity "
                    "and legality of the electronic signature.",
                    "根据通知，申请人可在申请材料上使用电子签名，通知列举的材料有劳动合同、离职证明、申请表等。"
                    "用人单位和申请人应对电子签名的真实性、合法性负责。",
                ),
            },
        },
    },
    "joint_residence_permit": {
        "label": t(
            "Work and residence permits together (two permits, one window)",
            "工作许可和工作类居留许可“两证联办”",
        ),
        "results": {
            "available": {
                "label": t("Available under the notice", "可“两证联办”"),
                "explanation": t(
                    "Under the notice, the applications for the work permit and the work-type residence permit can "
                    "be submitted at the same counter and both permits collected at the same time: the notice "
                    "extends this service from Category A to Category B. It is available at 8 district-level "
                    "counters citywide; the notice does not list them. For the counters, see the Beijing Overseas "
                    "Talents Center’s website (" + AGENCY_SITE + ").",
                    "根据通知，工作许可和工作类居留许可申请可同一窗口受理、同时发证，服务范围已由外国高端人才（A类）"
                    "扩大至外国专业人才（B类）。全市共有8个区级窗口提供该项服务，通知未列明具体窗口，"
                    "请查阅北京海外学人中心网站（" + AGENCY_SITE + "）。",
                ),
            },
            "not_available": {
                "label": t("Not extended to Category C", "未扩大至其他外国人员（C类）"),
                "explanation": t(
                    "The notice extends applying for the work and residence permits at the same counter to "
                    "Category A and Category B; it does not extend it to Category C. For Category C the notice "
                    "changes nothing: the permits are applied for as usual.",
                    "通知将“两证联办”的服务范围扩大至外国高端人才（A类）和外国专业人才（B类），"
                    "未扩大至其他外国人员（C类）。对C类申请，通知未作调整，按常规分别申请。",
                ),
            },
            "not_applicable": {
                "label": t("Does not apply", "不适用"),
                "explanation": t(
                    "This application (a first application from outside China, a cancellation or a reissue) is not "
                    "one where the work and residence permits are applied for together, so the service does not apply.",
                    "本申请（境外首次申请、注销或补办）不属于工作许可和工作类居留许可同时申请的情形，因此不适用该项服务。",
                ),
            },
        },
    },
}

# Any outcome, when the site's measure status says its measure is not in force.
NOT_IN_FORCE = {
    "label": t("Not in force on this date", "该日期不在施行期内"),
    "explanation": t(
        "According to the measure status kept by this site, this measure is not in force on {date}.{note} "
        "See this measure's page on this site, and the Beijing Overseas Talents Center website ("
        + AGENCY_SITE + ") for the rules that apply now.",
        "根据本网站维护的措施状态，该措施在{date}不在施行期内。{note}"
        "请查看本网站该措施页面，并访问北京海外学人中心网站（" + AGENCY_SITE + "）了解现行规定。",
    ),
    # Added to {note} when the status file names what replaced the measure.
    "replaced_by": t(" It has been replaced: {replaced_by}.", "已被取代，详见：{replaced_by}。"),
}

# A measure's status in words (every outcome's `status_text`, the badges, the roster). {checked} is
# the sentence "Last confirmed on <date>." or "Never confirmed.".
STATUS = {
    "unconfirmed": t(
        "Not confirmed: the notice provides this measure, but this site has not confirmed that it still applies. "
        "{checked} Check with the Beijing Overseas Talents Center (" + AGENCY_SITE + ") before relying on it.",
        "未经确认：通知规定了本措施，但本网站尚未确认其是否仍然适用。{checked}办理前请向北京海外学人中心（"
        + AGENCY_SITE + "）核实。",
    ),
    "in_force": t(
        "In force: this site has confirmed that the measure applies. {checked}",
        "施行中：本网站已确认本措施适用。{checked}",
    ),
    "lifted": t("Lifted. {checked}", "已停止施行。{checked}"),
    "superseded": t("Superseded. {checked}", "已被取代。{checked}"),
    "checked": t("Last confirmed on {date}.", "最近确认于{date}。"),
    "never_checked": t("Never confirmed.", "从未确认。"),
}
# The same, in a word or two (badges, the roster's columns).
STATUS_LABELS = {
    "unconfirmed": t("Not confirmed", "未经确认"),
    "in_force": t("In force", "施行中"),
    "lifted": t("Lifted", "已停止施行"),
    "superseded": t("Superseded", "已被取代"),
}

# "provider": who provides the document, as the notice says (the wizard groups its checklist by it): the applicant
# (the notice: "foreign applicants ... upload", "still need to provide the screenshot") or the employer (who
# "can download from the system" the decision).
DOCUMENTS = {
    "tax_records": {"provider": "applicant", "label": t("Tax records from the tax bureau", "税务机关出具的纳税记录")},
    "covid_explanation": {
        "provider": "applicant",
        "label": t(
            "Explanation, uploaded in the online system, that the applicant cannot go to the tax bureau because of Covid-19",
            "在网上系统上传的情况说明（因新冠肺炎疫情无法前往税务机关开具纳税记录）",
        )
    },
    "cooperation_commitment": {
        "provider": "applicant",
        "label": t(
            "Promise to cooperate with the authorities in possible checks later",
            "配合有关部门后续可能开展的核查的承诺",
        )
    },
    "withholding_screenshot": {
        "provider": "applicant",
        "label": t(
            "Screenshot of personal tax withholding details from the Natural Person Electronic Tax Bureau (Withholding End)",
            "自然人电子税务局（扣缴端）个人所得税扣缴明细截图",
        )
    },
    "approval_decision": {
        "provider": "employer",
        "label": t(
            "Decision on Approval of Administrative License with the electronic seal, downloaded by the employer from the system",
            "用人单位在系统下载的带有决定机构电子印章的《准予行政许可决定书》",
        )
    },
    "labor_contract": {"label": t("Labor contract", "劳动合同")},
    "separation_certificate": {"label": t("Employment separation certificate", "离职证明")},
    "application_form": {"label": t("Application form", "申请表")},
}

# Names for fields that are not questions.
FIELD_LABELS = {"as_of": t("Date to judge by (as_of)", "判断所依据的日期")}

# {allowed} in the invalid_value message, by kind of field.
ALLOWED = {
    "choice": t("one of: {options}", "以下之一：{options}"),
    "boolean": t("true or false (in a link: yes or no)", "true 或 false（链接中为 yes 或 no）"),
    "date": t("a calendar date written YYYY-MM-DD", "以 YYYY-MM-DD 格式书写的有效日期"),
}
OPTION_SEPARATOR = t(", ", "、")

ERRORS = {
    "missing": t("Please answer: “{question}”", "请回答：“{question}”"),
    "invalid_value": t(
        "The answer to “{question}” must be {allowed}.",
        "“{question}”的答案必须是{allowed}。",
    ),
    "unknown_field": t(
        "“{field}” is not a question of this wizard.",
        "“{field}”不是本向导的问题。",
    ),
    "invalid_json": t(
        'The answers must be one JSON object in UTF-8, for example {"application": "extension", "category": "A"}.',
        '答案必须是一个 UTF-8 编码的 JSON 对象，例如 {"application": "extension", "category": "A"}。',
    ),
    # An extension of the contract's codes: the same key twice in one JSON object (the command line).
    "duplicate_field": t(
        "“{field}” is given more than once. Give each answer once.",
        "“{field}”出现了不止一次。每个答案只能给出一次。",
    ),
}

# Command-line messages (stderr). Both languages on every message.
CLI = {
    "usage": t(
        "Usage: python3 -m eligibility evaluate|next|catalog|status [--status FILE] < answers.json\n"
        "       python3 -m eligibility roster IN.csv|IN.xlsx [-o OUT.csv|OUT.xlsx] [--lang en|zh] [--status FILE]\n"
        "  evaluate  read answers (a JSON object) on stdin, print the outcomes\n"
        "  next      read partial answers on stdin, print the next question\n"
        "  catalog   print every question, option, outcome and message in both languages\n"
        "  status    print the measure status (checked)\n"
        "  roster    judge every employee of a CSV file or an Excel workbook (IN.csv, IN.xlsx, or - for stdin);\n"
        "            write the result to OUT.csv, OUT.xlsx (as -o's extension says, else as the input) or stdout,\n"
        "            its headers and messages in English (en) or Chinese (zh)\n"
        "  --status FILE  use this measure status file instead of the shipped status.toml\n"
        "Exit status: 0 result, 2 invalid input or usage, 1 invalid status file.\n"
        "roster: 0 every row judged, 1 some rows have errors (all rows are written), 2 the file cannot be read.",
        "用法：python3 -m eligibility evaluate|next|catalog|status [--status 文件] < answers.json\n"
        "      python3 -m eligibility roster 输入.csv|输入.xlsx [-o 输出.csv|输出.xlsx] [--lang en|zh] [--status 文件]\n"
        "  evaluate  从标准输入读取答案（JSON 对象），输出结果\n"
        "  next      从标准输入读取部分答案，输出下一个问题\n"
        "  catalog   输出全部问题、选项、结果和提示（中英文）\n"
        "  status    输出经检查的措施状态\n"
        "  roster    逐一判断 CSV 文件或 Excel 工作簿中的每位员工（输入.csv、输入.xlsx，或以 - 表示标准输入），\n"
        "            将结果写入输出.csv、输出.xlsx（格式依 -o 的扩展名，否则同输入）或标准输出，表头和提示为英文（en）或中文（zh）\n"
        "  --status 文件  使用指定的措施状态文件，而非随附的 status.toml\n"
        "退出状态：0 有结果，2 输入或用法无效，1 状态文件无效。\n"
        "roster：0 每行均已判断，1 部分行有错误（所有行仍会写出），2 无法读取文件。",
    ),
    "unknown_command": t(
        "Unknown command “{command}”. Use evaluate, next, catalog, status or roster.",
        "未知命令“{command}”。可用命令：evaluate、next、catalog、status、roster。",
    ),
    "no_command": t("No command given.", "未指定命令。"),
    "bad_option": t(
        "Unknown or incomplete option “{command}”.",
        "未知或不完整的选项“{command}”。",
    ),
    "status_error": t("The measure status file is invalid:", "措施状态文件无效："),
    "out_of_memory": t(
        "There is not enough memory to finish (the input is too large for this computer). Close other programs, "
        "or split the input into smaller files.",
        "内存不足，无法完成（输入对这台计算机而言过大）。请关闭其他程序，或将输入拆分为较小的文件。",
    ),
}

# The roster: many employees at once, from a CSV file (see roster.py).
ROSTER = {
    # Column headers. The English headers are the contract's keys as they are; the Chinese ones are short labels.
    # A file may use either (or both); the result file uses the chosen language's.
    "columns": {
        "employee": t("employee", "员工"),
        "application": t("application", "申请事项"),
        "category": t("category", "人员类别"),
        "category_a_route": t("category_a_route", "计点积分85分以上"),
        "salary_commitment": t("salary_commitment", "涉及薪资承诺"),
        "tax_bureau_unreachable": t("tax_bureau_unreachable", "因疫情无法前往税务机关"),
        "has_withholding_screenshot": t("has_withholding_screenshot", "已有扣缴明细截图"),
        "as_of": t("as_of", "判断日期"),
        # After the outcomes: the measures' status in words (see "status_cell").
        "measure_status": t("measure_status", "措施状态"),
        # The last column of the result: the row's errors.
        "errors": t("errors", "问题"),
    },
    # A row's problems, in the errors column: "{column}: {message}", joined by the separator.
    "row_errors": {
        "missing": t(
            "“{column}” is empty, and this row needs it ({question})",
            "“{column}”为空，但此行需要填写（{question}）",
        ),
        "no_column": t(
            "the file has no “{column}” column, and this row needs it ({question})",
            "文件中没有“{column}”列，但此行需要填写（{question}）",
        ),
        "invalid_value": t("“{value}” is not an answer here: write {allowed}", "“{value}”不是有效答案，请填写{allowed}"),
        "extra_cells": t(
            "This row has more cells than the header has columns (a separator inside a value that is not in "
            "quotes?); it was not judged",
            "此行的单元格多于表头的列数（可能是某个值中含有分隔符却未加引号），未作判断",
        ),
        "unclosed_quote": t(
            "a quote (\") opened on line {line} never closes, so this row and the rest of the file were not read",
            "第{line}行的引号（\"）没有闭合，此行及文件其余部分均未读取",
        ),
    },
    "error_format": t("{column}: {message}", "{column}：{message}"),
    "error_separator": t("; ", "；"),
    # {allowed} in invalid_value, by kind of column.
    "allowed": {
        "choice": t("one of: {options}", "以下之一：{options}"),
        "boolean": t("yes or no (or true / false)", "是或否（也可写 yes / no）"),
        "date": t("a date written YYYY-MM-DD", "以 YYYY-MM-DD 格式书写的日期"),
    },
    # Why a whole file cannot be judged. {columns}, {missing}, {found}, {row}, {line}, {encoding} and {size} are
    # filled in (never a message from Python: every word here is the project's own, in both languages).
    "file_errors": {
        "empty": t(
            "The file is empty. Start from the template: a header row, then one row per employee.",
            "文件为空。请从模板开始：第一行为表头，其后每位员工一行。",
        ),
        "header_only": t(
            "The file has a header row but no employee rows. Add one row per employee under the header.",
            "文件只有表头，没有员工数据行。请在表头下方每位员工填写一行。",
        ),
        "workbook": t(
            "This spreadsheet workbook cannot be read: it is damaged, or not an Excel workbook (.xlsx). Open it in "
            "Excel or WPS, choose File, Save As, and the type “Excel Workbook (*.xlsx)”; then choose the saved file.",
            "无法读取此电子表格工作簿：文件已损坏，或不是 Excel 工作簿（.xlsx）。请在 Excel 或 WPS 中打开，选择“文件”"
            "“另存为”，保存类型选“Excel 工作簿（*.xlsx）”，再选择保存后的文件。",
        ),
        "workbook_xls": t(
            "This is an older spreadsheet workbook (.xls, or WPS’s .et), which the check does not read. In Excel or "
            "WPS choose File, Save As, and the type “Excel Workbook (*.xlsx)”; then choose the saved file.",
            "这是旧格式的电子表格工作簿（.xls 或 WPS 的 .et），自查不读取此格式。请在 Excel 或 WPS 中选择“文件”"
            "“另存为”，保存类型选“Excel 工作簿（*.xlsx）”，再选择保存后的文件。",
        ),
        "workbook_encrypted": t(
            "This spreadsheet workbook is protected by a password, so it cannot be read. Open it in Excel or WPS, "
            "remove the password (File, Info, Protect Workbook, Encrypt with Password: leave it empty), save it as "
            "“Excel Workbook (*.xlsx)”, then choose the saved file.",
            "此电子表格工作簿设有打开密码，无法读取。请在 Excel 或 WPS 中打开，取消密码（“文件”“信息”“保护工作簿”"
            "“用密码进行加密”，清空密码），另存为“Excel 工作簿（*.xlsx）”，再选择保存后的文件。",
        ),
        "workbook_macro": t(
            "This spreadsheet workbook contains macros (.xlsm), and the check does not read workbooks with macros. "
            "In Excel or WPS choose File, Save As, and the type “Excel Workbook (*.xlsx)” (without macros); then "
            "choose the saved file.",
            "此电子表格工作簿含有宏（.xlsm），自查不读取含宏的工作簿。请在 Excel 或 WPS 中选择“文件”“另存为”，"
            "保存类型选“Excel 工作簿（*.xlsx）”（不含宏），再选择保存后的文件。",
        ),
        "workbook_other": t(
            "This spreadsheet (such as .ods) is not an Excel workbook. Save it as “Excel Workbook (*.xlsx)” or as "
            "“CSV UTF-8 (Comma delimited)”, then choose the saved file.",
            "此电子表格（如 .ods）不是 Excel 工作簿。请将其另存为“Excel 工作簿（*.xlsx）”或“CSV UTF-8（逗号分隔）”，"
            "再选择保存后的文件。",
        ),
        "workbook_empty": t(
            "The sheet “{sheet}”, the one the check reads (the first sheet, or the one named “Roster” or “名单”), "
            "is empty. Put the roster on the first sheet: a header row, then one row per employee.",
            "检查读取的工作表“{sheet}”（第一个工作表，或名为“名单”或“Roster”的工作表）为空。请将名单放在第一个工作表中："
            "第一行为表头，其后每位员工一行。",
        ),
        "no_openpyxl": t(
            "This is a spreadsheet workbook (.xlsx): reading or writing one needs the Python package openpyxl, "
            "which is not installed here. Install it (pip install openpyxl), or save the workbook as "
            "“CSV UTF-8 (Comma delimited)” and check that file.",
            "这是电子表格工作簿（.xlsx）：读写工作簿需要 Python 软件包 openpyxl，而此处未安装。请安装"
            "（pip install openpyxl），或将工作簿另存为“CSV UTF-8（逗号分隔）”后自查该文件。",
        ),
        "not_text": t(
            "This file is not a CSV file: it is not text (an image, a document or another binary file?). "
            "Choose a CSV file with a header row, then one row per employee.",
            "此文件不是 CSV 文件：它不是文本（可能是图片、文档或其他二进制文件）。"
            "请选择 CSV 文件：第一行为表头，其后每位员工一行。",
        ),
        "not_csv": t(
            "A cell that starts on line {line} (row {row}) is longer than 131,072 characters, far more than a "
            "roster needs: the file cannot be read as CSV from there. Is it the right file?",
            "第{line}行（电子表格第{row}行）的单元格超过 131,072 个字符，远超名单所需，文件从此处起无法按 CSV 读取。"
            "请确认选择的文件是否正确。",
        ),
        "mixed_encoding": t(
            "The file mixes two encodings: it is in {encoding}, but line {line} is not (rows pasted from a file "
            "saved in another encoding?). Check the rows from line {line}, then save the whole file again as "
            "“CSV UTF-8 (Comma delimited)”.",
            "文件混用了两种编码：文件为 {encoding} 编码，但第{line}行不是（可能是从另一种编码的文件中粘贴的行）。"
            "请检查第{line}行起的内容，再将整个文件另存为“CSV UTF-8（逗号分隔）”。",
        ),
        "unclosed_quote": t(
            "A quote (\") opened on line {line} never closes, so the rest of the file reads as one cell of the "
            "header. Close the quote or remove it, then choose the file again.",
            "第{line}行的引号（\"）没有闭合，文件其余部分都被读作表头的一个单元格。请补上或删除该引号，再重新选择文件。",
        ),
        "out_of_memory": t(
            "There is not enough memory to check this file ({size}). Close other programs or tabs, or split the "
            "file into smaller files and check them one at a time.",
            "内存不足，无法自查此文件（{size}）。请关闭其他程序或标签页，或将文件拆分为较小的文件逐个自查。",
        ),
        "missing_columns": t(
            "The first row must be the header, with at least the columns {missing}. The first row has: {found}. "
            "Start from the template.",
            "第一行必须是表头，且至少包含以下列：{missing}。文件第一行为：{found}。请从模板开始。",
        ),
        "duplicate_columns": t(
            "The header has the same column more than once: {columns}. Keep one of each.",
            "表头中有重复的列：{columns}。每列只保留一个。",
        ),
    },
    # Said about a file that is judged all the same.
    "notices": {
        "unknown_columns": t(
            "Columns the check does not use, copied to the result unchanged: {columns}.",
            "自查不使用以下列，已原样复制到结果中：{columns}。",
        ),
        "replaced_columns": t(
            "Result columns from an earlier check were replaced by new results: {columns}.",
            "先前自查结果中的列已由新结果替换：{columns}。",
        ),
        "unclosed_quote": t(
            "A quote (\") opened on line {line} never closes: row {row} and everything after it were not read. "
            "The rows before it were judged. Close the quote or remove it, then check the file again.",
            "第{line}行的引号（\"）没有闭合：第{row}行及其后的内容均未读取，之前的行已作判断。"
            "请补上或删除该引号，再重新自查文件。",
        ),
    },
    "list_separator": t(", ", "、"),
    # The measure_status column: "{status} (last confirmed: {checked}): measures 1, 2, …", groups joined.
    "status_cell": t("{status} (last confirmed: {checked}): measures {measures}", "{status}（最近确认：{checked}）：第{measures}项措施"),
    "never_checked": t("never", "无"),
    "status_separator": t("; ", "；"),
    # The command line's summary and the page: the measures' status, and where to check it.
    "status_summary": t(
        "Measure status: {status}. The notice dates from the Covid-19 epidemic of 2022: check with the Beijing "
        "Overseas Talents Center (" + AGENCY_SITE + ") before relying on these results.",
        "措施状态：{status}。通知系2022年新冠肺炎疫情期间发布，依据本结果办理前，请向北京海外学人中心（"
        + AGENCY_SITE + "）核实。",
    ),
    "quote": t("“{text}”", "“{text}”"),
    # The command line's summary on stderr (both languages).
    "summary": t(
        "{rows} rows: {judged} judged, {failed} with errors, {blank} blank.",
        "共{rows}行：{judged}行已判断，{failed}行有错误，{blank}行为空。",
    ),
    "failed_rows": t(
        "Rows with errors (numbered as in a spreadsheet, the header is row one): {rows}",
        "有错误的行（按电子表格中的行号，表头为第一行）：{rows}",
    ),
    "no_input": t(
        "roster needs the CSV file to read: roster IN.csv (or - for standard input).",
        "roster 需要指定要读取的 CSV 文件：roster 输入.csv（或以 - 表示标准输入）。",
    ),
    "cannot_read": t("Cannot read “{path}”: {detail}", "无法读取“{path}”：{detail}"),
    "cannot_write": t("Cannot write “{path}”: {detail}", "无法写入“{path}”：{detail}"),
    # {detail} above, by the operating system's error (errno name); "other" names the code.
    "os_errors": {
        "ENOENT": t("there is no such file or folder", "文件或文件夹不存在"),
        "EACCES": t("permission denied", "没有访问权限"),
        "EPERM": t("permission denied", "没有访问权限"),
        "EISDIR": t("it is a folder, not a file", "这是文件夹，不是文件"),
        "ENOTDIR": t("a part of the path is not a folder", "路径中有一部分不是文件夹"),
        "ENOSPC": t("the disk is full", "磁盘已满"),
        "EROFS": t("the disk is read-only", "磁盘为只读"),
        "ENAMETOOLONG": t("the name is too long", "名称过长"),
        "other": t("the system refused ({code})", "系统拒绝了此操作（{code}）"),
    },
    "bad_lang": t("--lang must be en or zh, not “{command}”.", "--lang 只能是 en 或 zh，而不是“{command}”。"),
}
