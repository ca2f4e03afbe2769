from quartiers.core import colors


def test_contrast_ratio_matches_wcag_reference_values():
    assert round(colors.contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert round(colors.contrast_ratio("#767676", "#ffffff"), 2) == 4.54


def test_darkening_makes_a_light_colour_readable_with_white_text():
    darker = colors.darken_until_readable("#ffcc00")
    assert colors.contrast_ratio(darker, colors.WHITE) >= colors.AA_NORMAL_TEXT
