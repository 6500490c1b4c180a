"""Consent to the processing of personal data (152-ФЗ): the texts people agree to, with versions.

Whatever records a person's data stores the version it was given under (`consent_version`) and
when (`consented_at`); a new wording gets a new version, old records keep theirs.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Consent:
    purpose: str
    version: str
    text: str


# The operator in the dative, as «Я даю согласие …» needs it (a new wording is a new version).
OPERATOR_DATIVE = "администрации муниципального образования городской округ город-курорт Сочи"
_COMMON = (
    "Согласие действует до достижения цели обработки или до его отзыва: отозвать его можно письмом "
    "на адрес portal@sochi.example. Оператор обрабатывает данные в соответствии с Федеральным "
    "законом от 27.07.2006 № 152-ФЗ «О персональных данных» и удаляет или обезличивает их после "
    "окончания срока хранения."
)
CONSENTS = {
    "account": Consent(
        "account",
        "2026-12-1",
        f"Я даю согласие {OPERATOR_DATIVE} на обработку адреса моей электронной почты и сведений "
        "о входе на портал для создания и ведения моей учётной записи на портале города Сочи, "
        f"отправки писем о ней и восстановления доступа. {_COMMON}",
    ),
    "adoption": Consent(
        "adoption",
        "2026-11-2",
        f"Я даю согласие {OPERATOR_DATIVE} и муниципальному приюту для животных на обработку "
        "моих персональных данных (фамилия, имя, телефон, адрес электронной почты, район "
        "проживания, сведения о жилье и животных) для рассмотрения заявки на передачу животного, "
        f"связи со мной и последующего контроля условий содержания. {_COMMON}",
    ),
    "subscription": Consent(
        "subscription",
        "2026-12-1",
        f"Я даю согласие {OPERATOR_DATIVE} на обработку адреса моей электронной почты для "
        "рассылки выбранных мной писем портала (новости по темам, календарь ввода объектов и "
        "городских событий, новые животные в приюте). Отписаться можно по ссылке в каждом "
        f"письме. {_COMMON}",
    ),
    "producer": Consent(
        "producer",
        "2026-11-2",
        f"Я даю согласие {OPERATOR_DATIVE} на обработку персональных данных, указанных в профиле "
        "производителя (фамилия, имя, телефон, адрес электронной почты, адрес), для размещения "
        "сведений о производителе и продукции в каталоге «Выбирай сочинское!» и связи со мной. "
        f"Сведения о производителе публикуются на портале. {_COMMON}",
    ),
    "voter": Consent(
        "voter",
        "2026-11-2",
        f"Я даю согласие {OPERATOR_DATIVE} на обработку моего адреса электронной почты, номера "
        "телефона и сведений о моём голосе в конкурсе «Лучший орган ТОС» для подтверждения "
        f"личности голосующего, подсчёта голосов и проверки их подлинности. {_COMMON}",
    ),
}


def current(purpose):
    """The consent text in force for `purpose` ("account", "adoption", "subscription", "producer",
    "voter")."""
    return CONSENTS[purpose]
