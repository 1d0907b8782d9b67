"""Vietnamese text: folding for search and a collation key for sorting.

Names are searched without regard to diacritics and case ("thi dua" finds
"thi đua"), and sorted the Vietnamese way (a < ă < â < b … d < đ …, tones
breaking ties), which neither SQLite nor PostgreSQL's default collation does.
"""

import unicodedata

# Combining marks that carry the tone; the others (breve, circumflex, horn)
# make a distinct letter of the alphabet.
_TONES = {
    "\u0300": 2,  # huyền
    "\u0309": 3,  # hỏi
    "\u0303": 4,  # ngã
    "\u0301": 5,  # sắc
    "\u0323": 6,  # nặng
}
_ALPHABET = [
    "a",
    "ă",
    "â",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "ê",
    "f",
    "g",
    "h",
    "i",
    "j",
    "k",
    "l",
    "m",
    "n",
    "o",
    "ô",
    "ơ",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "ư",
    "v",
    "w",
    "x",
    "y",
    "z",
]
_LETTER_RANK = {letter: index + 11 for index, letter in enumerate(_ALPHABET)}


def fold(text):
    """Lower-case, diacritic-free form of text, for accent-insensitive search."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def _letters(text):
    """Yield (letter, tone) for each character, letters keeping their own marks."""
    for char in unicodedata.normalize("NFC", text.casefold()):
        decomposed = unicodedata.normalize("NFD", char)
        base = decomposed[0]
        tone = 1
        letter_marks = ""
        for mark in decomposed[1:]:
            if mark in _TONES:
                tone = _TONES[mark]
            else:
                letter_marks += mark
        yield unicodedata.normalize("NFC", base + letter_marks), tone


def sort_key(text):
    """A digits-only key that orders strings in Vietnamese alphabetical order.

    Digits only, so that any database collation compares it byte for byte.
    Each character takes two digits: letters first by the Vietnamese alphabet,
    then tones as a second level, as a dictionary would.
    """
    primary = []
    secondary = []
    for letter, tone in _letters(" ".join((text or "").split())):
        if letter == " ":
            primary.append("00")
        elif letter in _LETTER_RANK:
            primary.append(f"{_LETTER_RANK[letter]:02d}")
        elif letter in "0123456789":
            primary.append(f"{int(letter) + 1:02d}")
        else:
            primary.append("99")
        secondary.append(str(tone))
    return "".join(primary) + "00" + "".join(secondary)


def full_name(user):
    """A user's name in Vietnamese order: family and middle names, then given name; "" when none is set."""
    return f"{user.last_name} {user.first_name}".strip()


def display_name(user):
    """A user's name, or the login when none is set."""
    if user is None:
        return "—"
    return full_name(user) or user.get_username()
