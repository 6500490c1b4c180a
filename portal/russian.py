"""Russian grammar for text the portal builds from stored words: a unit after «за», weekdays after
«по», month names mid-sentence, and names in quotes inside quotes.

Inflection uses pymorphy3 with the OpenCorpora dictionary from PyPI (pymorphy3-dicts-ru), so
nothing is downloaded at run time; the analyser takes a while to load and is loaded once, on first
use.
"""

import functools
import re

from django.utils.dates import MONTHS

# A Cyrillic word, hyphenated parts included («Уч-Дере»); numbers, Latin and punctuation are kept.
_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_ADJECTIVES = {"ADJF", "PRTF"}


@functools.cache
def morph():
    """The one MorphAnalyzer of the process (loading it takes about a second)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def _nominatives(word, pos):
    """Parses of `word` in the nominative with a part of speech in `pos`, likeliest first;
    inanimate ones before animate (a unit is a thing: «мешок», not a person)."""
    parses = [p for p in morph().parse(word) if p.tag.POS in pos and p.tag.case == "nomn"]
    return sorted(parses, key=lambda p: (p.tag.animacy == "anim", -p.score))


def _agrees(adjective, noun):
    if adjective.tag.number != noun.tag.number:
        return False
    if noun.tag.number == "plur" or noun.tag.gender not in {"masc", "femn", "neut"}:
        return True
    return adjective.tag.gender == noun.tag.gender


def _spelled_like(new, old):
    """`new` with the capitalisation of `old`, and without «ё» when `old` was written without it."""
    if "ё" not in old.lower():
        new = new.replace("ё", "е").replace("Ё", "Е")
    if len(old) > 1 and old.isupper():
        return new.upper()
    if old[:1].isupper():
        return new[:1].upper() + new[1:]
    return new


def _accusative(parse, grammemes):
    inflected = parse.inflect(grammemes)
    return inflected.word if inflected else None


@functools.lru_cache(maxsize=1024)
def accusative_phrase(phrase):
    """A noun phrase in the nominative, put in the accusative for «за …»: «банка 0,5 л» → «банку
    0,5 л», «стеклянная банка» → «стеклянную банку», «десяток яиц» → «десяток яиц».

    The head is the first noun in the nominative; it and the adjectives before it that agree with
    it are inflected, everything after it is left as written, and so are numbers and abbreviations
    («кг», «шт.»): they do not decline. A phrase the dictionary cannot read comes back unchanged.
    """
    words = list(_WORD.finditer(phrase))
    before = []  # (match, adjective parses) that may agree with the head
    for index, match in enumerate(words):
        abbreviation = phrase[match.end() : match.end() + 1] == "."
        adjectives = _nominatives(match.group(0), _ADJECTIVES)
        if adjectives and not abbreviation and _adjacent(phrase, words, index):
            # «стеклянная банка», «столовая ложка»: an adjective (maybe) before another word.
            before.append((match, adjectives))
            continue
        nouns = _nominatives(match.group(0), {"NOUN"})
        if abbreviation or not nouns:
            before = []
            continue
        # Adjectives right after the head agree with it too: «банка стеклянная».
        after = []
        while _adjacent(phrase, words, index + len(after)):
            following = words[index + len(after) + 1]
            parses = _nominatives(following.group(0), _ADJECTIVES)
            if not parses:
                break
            after.append((following, parses))
        return _inflect_head(phrase, nouns[0], match, before + after)
    return phrase


def _adjacent(phrase, words, index):
    """Whether words[index] is followed by another word with only spaces between."""
    return (
        index + 1 < len(words) and not phrase[words[index].end() : words[index + 1].start()].strip()
    )


def _inflect_head(phrase, noun, match, pending):
    noun_form = _accusative(noun, {"accs"})
    if noun_form is None:
        return phrase
    replacements = [(match, noun_form)]
    for adjective_match, parses in pending:
        agreeing = [p for p in parses if _agrees(p, noun)]
        if not agreeing:
            continue
        grammemes = {"accs", noun.tag.number}
        if noun.tag.number == "sing" and noun.tag.gender in {"masc", "femn", "neut"}:
            grammemes.add(noun.tag.gender)
        if noun.tag.animacy and (noun.tag.number == "plur" or noun.tag.gender == "masc"):
            # Only these accusatives differ by animacy: «большой мешок», «большого кролика».
            grammemes.add(noun.tag.animacy)
        form = _accusative(agreeing[0], grammemes)
        if form:
            replacements.append((adjective_match, form))
    result = phrase
    for found, form in sorted(replacements, key=lambda item: -item[0].start()):
        spelled = _spelled_like(form, found.group(0))
        result = result[: found.start()] + spelled + result[found.end() :]
    return result


# «по» with the dative plural: «по субботам».
_ON_WEEKDAYS = {
    1: "понедельникам",
    2: "вторникам",
    3: "средам",
    4: "четвергам",
    5: "пятницам",
    6: "субботам",
    7: "воскресеньям",
}


def on_weekdays(numbers):
    """When something happens on the given ISO weekdays (1 is Monday), to put mid-sentence:
    [6] → «по субботам», [3, 6] → «по средам и субботам», [1, 2, 3] → «по понедельникам, вторникам
    и средам», all seven → «ежедневно», Monday to Friday → «по будням»."""
    days = sorted(set(numbers))
    if days == list(range(1, 8)):
        return "ежедневно"
    if days == list(range(1, 6)):
        return "по будням"
    names = [_ON_WEEKDAYS[day] for day in days]
    if not names:
        return ""
    if len(names) == 1:
        return f"по {names[0]}"
    return f"по {', '.join(names[:-1])} и {names[-1]}"


def month_name(number):
    """The month's name as it stands mid-sentence, in lower case: 11 → «ноябрь»."""
    return str(MONTHS[number]).lower()


_INNER_QUOTES = str.maketrans({"«": "„", "»": "“"})


def inner_quotes(name):
    """A name ready to stand inside «…»: its own «…» become „…“ (ТОС «Лоо» → ТОС „Лоо“)."""
    return str(name).translate(_INNER_QUOTES)


def quoted(name):
    """A name in «…», with quotes inside it as „…“: ТОС «Лоо» → «ТОС „Лоо“»."""
    return f"«{inner_quotes(name)}»"
