from core.text import fold, sort_key


def test_fold_ignores_diacritics_case_and_spacing():
    assert fold("THI ĐUA") == fold("thi đua") == fold("thi dua") == "thi dua"
    assert fold("  Khối   Văn hóa – Xã hội ") == "khoi van hoa – xa hoi"


def test_sort_key_follows_the_vietnamese_alphabet():
    names = ["Đức", "Dũng", "Ẩn", "Anh", "Ăn", "An", "Âu", "Bình", "Ánh"]
    assert sorted(names, key=sort_key) == ["An", "Anh", "Ánh", "Ăn", "Ẩn", "Âu", "Bình", "Dũng", "Đức"]


def test_sort_key_puts_a_shorter_word_before_its_extension():
    assert sort_key("Sở Y") < sort_key("Sở Y tế") < sort_key("Sở Ya")


def test_sort_key_is_digits_only_so_any_collation_agrees():
    assert sort_key("Sở Văn hóa, Thể thao và Du lịch").isdigit()
