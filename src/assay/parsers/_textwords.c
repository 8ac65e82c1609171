/* Words, lines and blocks of a PDF page's text layer, in one call per page.

   `_python_layout` in pdftext.py does the same work in Python (it runs where this library was not
   built, and the tests hold the two to the same output): this file exists only because that loop
   costs ~4 us a word in Python and ~0.2 us here, most of it PDFium's own. Plain C, no Python
   headers: pdftext.py loads it with ctypes and passes PDFium's own FPDFText_GetLooseCharBox, so
   nothing here links against PDFium.

   A word is a run of characters that are not white space (as Python's str.isspace, plus U+FEFF);
   its box is the union of the loose boxes of its first and last characters. A line is a run of words
   PDFium kept on one line (no generated line break between them) that neither steps back to the
   left nor leaves the baseline: a table row or a label with its far-away value is one line. A block starts at a line well below the last one, above it,
   or of another height, unless the two sit side by side on one baseline. Boxes come out upright
   (after /Rotate), origin top-left, in points. */

#include <stdint.h>

typedef struct { float left, top, right, bottom; } RectF;  /* PDFium's FS_RECTF */
typedef int (*LooseCharBox)(void *textpage, int index, RectF *rect);

typedef struct {
    int32_t rotation;       /* 0, 90, 180, 270 */
    double x0, y0, x1, y1;  /* crop box, PDF user space */
} Frame;

typedef struct {  /* what the page gets back; every array has room for (n + 1) / 2 entries */
    int32_t *token;         /* per word: its index among all the page's tokens */
    double *x, *y, *w, *h;  /* per word: upright box */
    int32_t *first, *last;  /* per line: words [first, last) */
    int32_t *flags;         /* per line: BLOCK_START | MAYBE_ITEM */
} Out;

enum {
    BLOCK_START = 1,  /* the line starts a block, by position */
    MAYBE_ITEM = 2,   /* its first word is short enough to be a bullet or a list number */
};

typedef struct { double x, y, w, h; } Box;

static int is_space(uint32_t c) {
    if (c <= 0x20)
        return c == 0x20 || (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x1f);
    switch (c) {
    case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000:
    case 0xfeff:
        return 1;
    default:
        return c >= 0x2000 && c <= 0x200a;
    }
}

/* Characters in text[start, end): a surrogate pair (a character outside the BMP, which PDFium keeps
   as two character indexes with one box) counts once, as str.split() sees it after the pairs are joined. */
static int characters(const uint32_t *text, int start, int end) {
    int count = end - start;
    for (int i = start + 1; i < end; i++)
        count -= text[i] >= 0xdc00 && text[i] <= 0xdfff && text[i - 1] >= 0xd800 && text[i - 1] <= 0xdbff;
    return count;
}

static int is_break(uint32_t c) {
    return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029;
}

static double max2(double a, double b) { return a > b ? a : b; }
static double min2(double a, double b) { return a < b ? a : b; }
static double abs1(double a) { return a < 0 ? -a : a; }

/* PDF (left, bottom, right, top) → upright top-left box, as PageFrame.to_box in pdftext.py. */
static Box upright(const Frame *f, double left, double bottom, double right, double top) {
    double w0 = f->x1 - f->x0, h0 = f->y1 - f->y0;
    double u0 = left - f->x0, u1 = right - f->x0, v0 = f->y1 - top, v1 = f->y1 - bottom;
    double l, t, r, b;
    switch (f->rotation) {
    case 90: l = h0 - v1; t = u0; r = h0 - v0; b = u1; break;
    case 180: l = w0 - u1; t = h0 - v1; r = w0 - u0; b = h0 - v0; break;
    case 270: l = v0; t = w0 - u1; r = v1; b = w0 - u0; break;
    default: l = u0; t = v0; r = u1; b = v1; break;
    }
    return (Box){l, t, r - l, b - t};
}

static int same_row(Box a, Box b) {
    return abs1((b.y + b.h / 2) - (a.y + a.h / 2)) <= 0.5 * min2(a.h, b.h);
}

static int starts_line(Box prev, Box word) {
    return word.x < prev.x + prev.w - 0.5 * max2(prev.h, word.h) || !same_row(prev, word);
}

static int starts_block(Box prev, Box line) {
    double h = max2(line.h, prev.h);
    return !same_row(prev, line)
           && (line.y - (prev.y + prev.h) > 0.7 * h || line.y < prev.y || abs1(line.h - prev.h) > 0.25 * h);
}

static Box line_box(const Out *out, int first, int last) {
    double l = out->x[first], t = out->y[first], r = l + out->w[first], b = t + out->h[first];
    for (int i = first + 1; i < last; i++) {
        l = min2(l, out->x[i]);
        t = min2(t, out->y[i]);
        r = max2(r, out->x[i] + out->w[i]);
        b = max2(b, out->y[i] + out->h[i]);
    }
    return (Box){l, t, r - l, b - t};
}

/* Ends line `line` before word `last`; returns its box. */
static Box close_line(const Out *out, int line, int last, int head_length, Box prev_line) {
    Box box = line_box(out, out->first[line], last);
    out->last[line] = last;
    out->flags[line] = (line == 0 || starts_block(prev_line, box) ? BLOCK_START : 0)
                       | (head_length <= 4 ? MAYBE_ITEM : 0);
    return box;
}

/* `text` holds the page's n characters as PDFium indexes them, one UTF-16 code unit each (a character
   outside the BMP is two: its surrogates, each with the pair's box). Returns the number of words;
   *line_count receives the number of lines. */
int assay_text_words(void *textpage, LooseCharBox loose_box, const uint32_t *text, int n,
                     const Frame *frame, const Out *out, int *line_count) {
    int count = 0, lines = 0, tokens = 0, broke = 1, head_length = 0;
    Box prev_word = {0, 0, 0, 0}, prev_line = {0, 0, 0, 0};
    RectF a, z;
    int i = 0;
    while (i < n) {
        if (is_space(text[i])) {
            broke |= is_break(text[i]);
            i++;
            continue;
        }
        int start = i;
        while (i < n && !is_space(text[i]))
            i++;
        int token = tokens++;
        int found = loose_box(textpage, start, &a);
        if (i - 1 != start && loose_box(textpage, i - 1, &z)) {
            if (!found) {
                a = z;
                found = 1;
            } else {
                a.left = min2(a.left, z.left);
                a.right = max2(a.right, z.right);
                a.top = max2(a.top, z.top);
                a.bottom = min2(a.bottom, z.bottom);
            }
        }
        if (!found || !(a.right > a.left || a.top > a.bottom))
            continue;  /* an invisible word: no box, no place in reading order */
        Box box = upright(frame, a.left, a.bottom, a.right, a.top);
        if (count == 0 || broke || starts_line(prev_word, box)) {
            if (count)
                prev_line = close_line(out, lines++, count, head_length, prev_line);
            out->first[lines] = count;
            head_length = characters(text, start, i);
        }
        out->token[count] = token;
        out->x[count] = box.x;
        out->y[count] = box.y;
        out->w[count] = box.w;
        out->h[count] = box.h;
        prev_word = box;
        broke = 0;
        count++;
    }
    if (count)
        close_line(out, lines++, count, head_length, prev_line);
    *line_count = lines;
    return count;
}
