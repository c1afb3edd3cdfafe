/*
 * ictd.matching._kernel: the inner loops of the match index, compiled.
 *
 * - combine(): part similarities from three edit-similarity matrices, with exactly the
 *   arithmetic of compare.part_similarity (native.combine_numpy in numpy);
 * - top_rows(): the candidates of a query, by the IDF weights of the keys they share with it;
 *   top_keyed() the same over the block's posting arrays, summed in a scratch array;
 * - gather(): the name variants of a block of candidates, laid out for name_logits;
 * - name_logits(): for a block of candidate records, the pull of the name features on the
 *   log-odds of the best alignment of the query's names with each record's name variants,
 *   as compare.align, scorer.best_alignment and features.name_features compute it in Python.
 *
 * Arrays come through the buffer protocol; each is checked for its kind and size, and every
 * index for its bounds, before it is read. Nothing is kept between calls.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>
#include <string.h>

#define MIN_PART_SIMILARITY 0.6
#define EQUIVALENT_SIMILARITY 0.9
#define DISTINCT_SIMILARITY 0.6
#define LOOKALIKE_BASE -1000 /* native.LOOKALIKE_BASE: classes of lookalike given names */
#define OTHER_NAME_SIMILARITY 0.5 /* two lookalike given names, at most: not aligned */
#define SHORT_SKELETON 3
#define FULL_CREDIT 0.9 /* a part this alike covers its weight in full (compare.py) */
#define SHORT_FORM_COVERAGE 0.999 /* features.SHORT_FORM_COVERAGE: the query a short form */
#define META 6 /* columns of a part's meta row */
#define TYPO_LENGTH 6 /* Latin parts this long, same first letter, two edits or more:
                         * an edit costs 1 / (length + TYPO_SLACK) */
#define TYPO_SLACK 2

typedef struct {
    Py_buffer view;
    int held;
} Buf;

static void release(Buf *b) {
    if (b->held) {
        PyBuffer_Release(&b->view);
        b->held = 0;
    }
}

/* Take a C-contiguous buffer of items of `itemsize` bytes whose format is one of `formats`. */
static int take(PyObject *obj, Buf *b, const char *name, const char *formats, Py_ssize_t itemsize,
                int writable) {
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(obj, &b->view, flags) != 0) {
        return -1;
    }
    b->held = 1;
    const char *fmt = b->view.format ? b->view.format : "B";
    if (*fmt == '<' || *fmt == '=' || *fmt == '@') {
        fmt++;
    }
    if (b->view.itemsize != itemsize || strlen(fmt) != 1 || strchr(formats, *fmt) == NULL) {
        PyErr_Format(PyExc_TypeError, "%s: expected items of %zd bytes in format %s", name,
                     itemsize, formats);
        release(b);
        return -1;
    }
    return 0;
}

#define F64(b) ((double *)(b).view.buf)
#define I64(b) ((int64_t *)(b).view.buf)
#define LEN(b) ((b).view.len / (b).view.itemsize)

typedef struct {
    const double *sims; /* query rows x columns */
    Py_ssize_t ncols;
    const double *qw;    /* per query row */
    const double *cw;    /* per column */
} Matrix;

static int check_range(int64_t lo, int64_t hi, Py_ssize_t size, const char *name) {
    if (lo < 0 || hi < lo || hi > size) {
        PyErr_Format(PyExc_ValueError, "%s: slice [%lld, %lld) outside 0..%zd", name,
                     (long long)lo, (long long)hi, size);
        return -1;
    }
    return 0;
}

PyDoc_STRVAR(combine_doc,
             "combine(text, skeleton, phonetic, q_meta, c_meta, out) -> list of (i, j)\n\n"
             "Part similarities from the three edit-similarity matrices (see compare.py);\n"
             "meta rows are (skeleton length, abjad, initial, first letter, equivalence\n"
             "class or -1, text length). Returns the\n"
             "abjad-Latin pairs with equal skeletons, which the caller decides one by one.");

static PyObject *combine(PyObject *self, PyObject *args) {
    (void)self;
    PyObject *objs[6];
    if (!PyArg_UnpackTuple(args, "combine", 6, 6, &objs[0], &objs[1], &objs[2], &objs[3],
                           &objs[4], &objs[5])) {
        return NULL;
    }
    enum { TEXT, SKEL, PHON, QMETA, CMETA, OUT, NBUF };
    static const char *names[NBUF] = {"text", "skeleton", "phonetic", "q_meta", "c_meta", "out"};
    Buf b[NBUF];
    memset(b, 0, sizeof(b));
    PyObject *result = NULL, *pairs = NULL;
    for (int k = 0; k < NBUF; k++) {
        int is_meta = (k == QMETA || k == CMETA);
        if (take(objs[k], &b[k], names[k], is_meta ? "qlL" : "d", 8, k == OUT) != 0) {
            goto done;
        }
    }
    Py_ssize_t nq = LEN(b[QMETA]) / META, nc = LEN(b[CMETA]) / META;
    if (LEN(b[QMETA]) != META * nq || LEN(b[CMETA]) != META * nc || LEN(b[TEXT]) != nq * nc ||
        LEN(b[SKEL]) != nq * nc || LEN(b[PHON]) != nq * nc || LEN(b[OUT]) != nq * nc) {
        PyErr_SetString(PyExc_ValueError, "combine: array sizes do not agree");
        goto done;
    }
    pairs = PyList_New(0);
    if (pairs == NULL) {
        goto done;
    }
    const double *text = F64(b[TEXT]), *skel = F64(b[SKEL]), *phon = F64(b[PHON]);
    const int64_t *qm = I64(b[QMETA]), *cm = I64(b[CMETA]);
    double *out = F64(b[OUT]);
    for (Py_ssize_t i = 0; i < nq; i++) {
        const int64_t *q = qm + META * i;
        for (Py_ssize_t j = 0; j < nc; j++) {
            const int64_t *c = cm + META * j;
            Py_ssize_t at = i * nc + j;
            double t = text[at], k = skel[at], p = phon[at], v;
            int same_skel = k == 1.0;
            int mixed = (q[1] != 0) != (c[1] != 0);
            int initial = q[2] || c[2];
            if (initial) {
                v = q[3] == c[3] ? 0.75 : 0.0;
            } else if (mixed) {
                v = 0.9 * k * sqrt(k);
            } else if (q[1]) { /* two abjads: a skeleton of one or two consonants says little */
                int long_skel = q[0] >= SHORT_SKELETON && c[0] >= SHORT_SKELETON;
                v = same_skel && long_skel ? fmax(t, 0.9) : t;
            } else {
                double alt = (q[0] < SHORT_SKELETON || c[0] < SHORT_SKELETON)
                                 ? 0.9 * p
                                 : 0.55 * k + 0.45 * p;
                double typo = t;
                if (q[5] >= TYPO_LENGTH && c[5] >= TYPO_LENGTH && q[3] == c[3]) {
                    double longest = (double)(q[5] > c[5] ? q[5] : c[5]);
                    if ((1.0 - t) * longest > 1.5) { /* two edits or more */
                        typo = 1.0 - (1.0 - t) * longest / (longest + TYPO_SLACK);
                    }
                }
                v = fmax(typo, alt);
            }
            if (!initial && q[4] != -1 && c[4] != -1) {
                if (q[4] == c[4]) { /* one given name, or one family name's spellings */
                    v = fmax(v, EQUIVALENT_SIMILARITY);
                } else if (q[4] <= -2 && c[4] <= -2) { /* two different family names */
                    v = fmin(v, DISTINCT_SIMILARITY);
                    if (q[4] <= LOOKALIKE_BASE && c[4] <= LOOKALIKE_BASE) { /* two given names */
                        v = fmin(v, OTHER_NAME_SIMILARITY);
                    }
                }
            }
            if (t == 1.0) {
                v = 1.0;
            } else if (mixed && same_skel && !initial) {
                PyObject *pair = Py_BuildValue("(nn)", i, j);
                if (pair == NULL || PyList_Append(pairs, pair) != 0) {
                    Py_XDECREF(pair);
                    goto done;
                }
                Py_DECREF(pair);
            }
            out[at] = v;
        }
    }
    result = pairs;
    pairs = NULL;
done:
    Py_XDECREF(pairs);
    for (int k = 0; k < NBUF; k++) {
        release(&b[k]);
    }
    return result;
}

/* ---------------------------------------------------------------------------------------- */
/* Exact name log-odds: the alignment of compare.py and the name features of features.py.  */

typedef struct {
    double s, w; /* similarity, sum of both weights */
    int i, j;    /* positions in the query and candidate part lists */
} Pair;

static int pair_order(const void *x, const void *y) {
    const Pair *a = x, *b = y;
    if (a->s != b->s) {
        return a->s > b->s ? -1 : 1;
    }
    if (a->w != b->w) {
        return a->w > b->w ? -1 : 1;
    }
    if (a->i != b->i) {
        return a->i < b->i ? -1 : 1;
    }
    return a->j < b->j ? -1 : (a->j > b->j);
}

typedef struct {
    Pair *pairs;
    Py_ssize_t cap;
    unsigned char *used;
    Py_ssize_t used_cap;
} Scratch;

static int grow(Scratch *w, Py_ssize_t pairs, Py_ssize_t used) {
    if (pairs > w->cap) {
        Pair *p = PyMem_Realloc(w->pairs, (size_t)pairs * sizeof(Pair));
        if (p == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        w->pairs = p;
        w->cap = pairs;
    }
    if (used > w->used_cap) {
        unsigned char *u = PyMem_Realloc(w->used, (size_t)used);
        if (u == NULL) {
            PyErr_NoMemory();
            return -1;
        }
        w->used = u;
        w->used_cap = used;
    }
    return 0;
}

/* One side of an alignment: matrix rows (query) or columns (candidate), weights, flags. */
typedef struct {
    const int64_t *at; /* row or column index of each part */
    const int8_t *first; /* whether each part counts as the name's first part */
    Py_ssize_t n;
} Side;

typedef struct {
    double q_cov, c_cov, evidence;
    Py_ssize_t n_pairs;
    int q_ends, c_ends; /* FIRST | LAST: the first / last part of each side found a partner */
} Aligned;

#define END_FIRST 1
#define END_LAST 2
#define INITIAL_PART 4 /* compare.INITIAL: the part is an initial */

static double weight_of(const Matrix *x, int query, int64_t at) {
    return query ? x->qw[at] : x->cw[at];
}

/* _align_parts: greedy assignment of q's parts to c's parts by similarity; an unmatched
 * middle part (no end flag) counts for middle[0] of its weight in its side's total, a
 * candidate's for middle[1] when every part of the query found a partner at least
 * FULL_CREDIT alike or covering it in full, and then, when the query has two parts or more,
 * the candidate's unmatched last part (END_LAST alone) for middle[4] (compare._total). A pair with an initial on
 * either side (INITIAL_PART, when `initials` has that bit: a person's name) covers middle[2]
 * of each weight at least and gives middle[3] of its evidence (compare._pair_credit,
 * compare._pair_evidence). */
static int align_parts(const Matrix *x, const Side *q, const Side *c, const double *middle,
                       int initials, Scratch *w, Aligned *out) {
    if (grow(w, q->n * c->n + 1, q->n + c->n + 1) != 0) {
        return -1;
    }
    Py_ssize_t n = 0;
    for (Py_ssize_t i = 0; i < q->n; i++) {
        const double *row = x->sims + q->at[i] * x->ncols;
        for (Py_ssize_t j = 0; j < c->n; j++) {
            double s = row[c->at[j]];
            if (s >= MIN_PART_SIMILARITY) {
                Pair p = {s, x->qw[q->at[i]] + x->cw[c->at[j]], (int)i, (int)j};
                w->pairs[n++] = p;
            }
        }
    }
    qsort(w->pairs, (size_t)n, sizeof(Pair), pair_order);
    unsigned char *used_q = w->used, *used_c = w->used + q->n;
    memset(w->used, 0, (size_t)(q->n + c->n));
    double q_total = 0.0, c_total = 0.0, q_sum = 0.0, c_sum = 0.0, evidence = 0.0;
    int full = 1;
    out->n_pairs = 0;
    out->q_ends = out->c_ends = 0;
    for (Py_ssize_t k = 0; k < n; k++) {
        const Pair *p = &w->pairs[k];
        if (used_q[p->i] || used_c[p->j]) {
            continue;
        }
        used_q[p->i] = used_c[p->j] = 1;
        double wq = x->qw[q->at[p->i]], wc = x->cw[c->at[p->j]];
        double credit = fmin(1.0, p->s / FULL_CREDIT);
        double share = 1.0;
        if ((q->first[p->i] | c->first[p->j]) & initials) {
            credit = fmax(middle[2], credit);
            share = middle[3];
        }
        if (p->s < FULL_CREDIT && credit < 1.0) {
            full = 0;
        }
        q_sum += wq * credit;
        c_sum += wc * credit;
        evidence += fmin(wq, wc) * p->s * share;
        out->n_pairs++;
        out->q_ends |= q->first[p->i] & (END_FIRST | END_LAST);
        out->c_ends |= c->first[p->j] & (END_FIRST | END_LAST);
    }
    int dropped = full && out->n_pairs == q->n;
    double q_share = middle[0];
    double c_share = middle[dropped];
    double c_last = dropped && q->n > 1 ? middle[4] : 1.0; /* compare.DROPPED_LAST_WEIGHT */
    for (Py_ssize_t i = 0; i < q->n; i++) {
        int mid = !used_q[i] && (q->first[i] & (END_FIRST | END_LAST)) == 0;
        q_total += weight_of(x, 1, q->at[i]) * (mid ? q_share : 1.0);
    }
    for (Py_ssize_t j = 0; j < c->n; j++) {
        int ends = c->first[j] & (END_FIRST | END_LAST);
        double share = used_c[j] ? 1.0 : ends == 0 ? c_share : ends == END_LAST ? c_last : 1.0;
        c_total += weight_of(x, 0, c->at[j]) * share;
    }
    out->q_cov = fmin(1.0, q_sum / (q_total != 0.0 ? q_total : 1.0));
    out->c_cov = fmin(1.0, c_sum / (c_total != 0.0 ? c_total : 1.0));
    out->evidence = evidence;
    return 0;
}

static double harmonic(const Aligned *a) {
    double total = a->q_cov + a->c_cov;
    if (total == 0.0) {
        return 0.0;
    }
    return fmin(1.0, 2 * a->q_cov * a->c_cov / total);
}

/* `side` with parts k and k + 1 replaced by the joined part at `joined`, into buf. */
static void with_join(const Side *side, Py_ssize_t k, int64_t joined, int8_t joined_first,
                      int64_t *at, int8_t *first, Side *out) {
    Py_ssize_t n = 0;
    for (Py_ssize_t i = 0; i < side->n; i++) {
        if (i == k) {
            at[n] = joined;
            first[n++] = joined_first;
            i++;
        } else {
            at[n] = side->at[i];
            first[n++] = side->first[i];
        }
    }
    out->at = at;
    out->first = first;
    out->n = n;
}

/* align: the best of the plain assignment and those with two adjacent parts joined. */
static int align(const Matrix *x, const Side *q, const Side *c, const Side *qj, const Side *cj,
                 const double *middle, int initials, Scratch *w, int64_t *at, int8_t *first,
                 Aligned *best) {
    if (align_parts(x, q, c, middle, initials, w, best) != 0) {
        return -1;
    }
    if (q->n == c->n || (best->q_cov > 0.99 && best->c_cov > 0.99)) {
        return 0;
    }
    double best_sim = harmonic(best);
    Aligned other;
    Side joined;
    if (q->n > c->n) {
        for (Py_ssize_t k = 0; k < qj->n; k++) {
            const double *row = x->sims + qj->at[k] * x->ncols;
            int close = 0;
            for (Py_ssize_t j = 0; j < c->n && !close; j++) {
                close = row[c->at[j]] >= 0.85;
            }
            if (!close) {
                continue;
            }
            with_join(q, k, qj->at[k], qj->first[k], at, first, &joined);
            if (align_parts(x, &joined, c, middle, initials, w, &other) != 0) {
                return -1;
            }
            double sim = harmonic(&other);
            if (sim > best_sim) {
                *best = other;
                best_sim = sim;
            }
        }
    } else {
        for (Py_ssize_t k = 0; k < cj->n; k++) {
            int close = 0;
            for (Py_ssize_t i = 0; i < q->n && !close; i++) {
                close = x->sims[q->at[i] * x->ncols + cj->at[k]] >= 0.85;
            }
            if (!close) {
                continue;
            }
            with_join(c, k, cj->at[k], cj->first[k], at, first, &joined);
            if (align_parts(x, q, &joined, middle, initials, w, &other) != 0) {
                return -1;
            }
            double sim = harmonic(&other);
            if (sim > best_sim) {
                *best = other;
                best_sim = sim;
            }
        }
    }
    return 0;
}

enum { W_MATCH, W_QUERY, W_SUBJECT, W_SINGLE, W_FIRST, W_SCALE, W_ORG, W_LAST, W_MIDDLE,
       W_DROPPED, W_INITIAL_CREDIT, W_INITIAL_EVIDENCE, W_DROPPED_LAST, N_WEIGHTS };

PyDoc_STRVAR(name_logits_doc,
             "name_logits(sims, q_weights, q_first, q_lengths, q_join_lengths, c_weights,\n"
             "            n_vars, part_cols, part_first, part_counts, join_cols, join_first,\n"
             "            join_counts, org, weights, out[, choices])\n\n"
             "Fill out (one per candidate row) with the pull of the name features of the best\n"
             "alignment on the score (NaN for a row without names); see prune.py. choices\n"
             "(one per variant and query name, variant by variant), when given, gets the value\n"
             "scorer.best_alignment chooses each pair's alignment by (scorer._name_logit).");

static PyObject *name_logits(PyObject *self, PyObject *args) {
    (void)self;
    enum {
        SIMS, QW, QFIRST, QLEN, QJLEN, CW, NVARS, PCOLS, PFIRST, PCOUNT, JCOLS, JFIRST, JCOUNT,
        ORG, WEIGHTS, OUT, CHOICES, NBUF
    };
    PyObject *objs[NBUF];
    objs[CHOICES] = Py_None;
    if (!PyArg_UnpackTuple(args, "name_logits", NBUF - 1, NBUF, &objs[0], &objs[1], &objs[2],
                           &objs[3], &objs[4], &objs[5], &objs[6], &objs[7], &objs[8], &objs[9],
                           &objs[10], &objs[11], &objs[12], &objs[13], &objs[14], &objs[15],
                           &objs[16])) {
        return NULL;
    }
    static const char *names[NBUF] = {
        "sims",      "q_weights", "q_first",     "q_lengths",  "q_join_lengths", "c_weights",
        "n_vars",    "part_cols", "part_first",  "part_counts", "join_cols",     "join_first",
        "join_counts", "org",     "weights",     "out",        "choices"};
    Buf b[NBUF];
    memset(b, 0, sizeof(b));
    int with_choices = objs[CHOICES] != Py_None;
    Scratch w = {NULL, 0, NULL, 0};
    int64_t *at = NULL;
    int8_t *first = NULL;
    PyObject *result = NULL;
    for (int k = 0; k < NBUF; k++) {
        if (k == CHOICES && !with_choices) {
            continue;
        }
        int is_float = (k == SIMS || k == QW || k == CW || k == WEIGHTS || k >= OUT);
        int is_flag = (k == QFIRST || k == PFIRST || k == JFIRST);
        const char *formats = is_float ? "d" : (is_flag ? "bB?" : "qlL");
        if (take(objs[k], &b[k], names[k], formats, is_flag ? 1 : 8, k >= OUT) != 0) {
            goto done;
        }
    }
    Py_ssize_t n_q = LEN(b[QW]), n_cols = LEN(b[CW]), n_names = LEN(b[QLEN]);
    Py_ssize_t n_rows = LEN(b[NVARS]), n_variants = LEN(b[PCOUNT]);
    Py_ssize_t n_pcols = LEN(b[PCOLS]), n_jcols = LEN(b[JCOLS]);
    if (LEN(b[SIMS]) != n_q * n_cols || LEN(b[QFIRST]) != n_q || LEN(b[QJLEN]) != n_names ||
        LEN(b[JCOUNT]) != n_variants || LEN(b[PFIRST]) != n_pcols ||
        LEN(b[JFIRST]) != n_jcols || LEN(b[ORG]) != n_rows || LEN(b[WEIGHTS]) != N_WEIGHTS ||
        LEN(b[OUT]) != n_rows || (with_choices && LEN(b[CHOICES]) != n_variants * n_names)) {
        PyErr_SetString(PyExc_ValueError, "name_logits: array sizes do not agree");
        goto done;
    }
    const int64_t *q_len = I64(b[QLEN]), *q_jlen = I64(b[QJLEN]), *n_vars = I64(b[NVARS]);
    const int64_t *p_cols = I64(b[PCOLS]), *p_count = I64(b[PCOUNT]);
    const int64_t *j_cols = I64(b[JCOLS]), *j_count = I64(b[JCOUNT]), *org = I64(b[ORG]);
    const int8_t *q_first = b[QFIRST].view.buf, *p_first = b[PFIRST].view.buf;
    const int8_t *j_first = b[JFIRST].view.buf;
    const double *wt = F64(b[WEIGHTS]);
    double *out = F64(b[OUT]);
    double *choices = with_choices ? F64(b[CHOICES]) : NULL;
    int64_t direct = 0, joined = 0, longest = 1;
    for (Py_ssize_t n = 0; n < n_names; n++) {
        if (q_len[n] < 0 || q_jlen[n] < 0) {
            PyErr_SetString(PyExc_ValueError, "q_lengths: negative length");
            goto done;
        }
        direct += q_len[n];
        joined += q_jlen[n];
        longest = q_len[n] > longest ? q_len[n] : longest;
    }
    if (direct + joined != n_q) {
        PyErr_SetString(PyExc_ValueError, "q_lengths: rows do not add up to q_weights");
        goto done;
    }
    for (Py_ssize_t k = 0; k < n_pcols; k++) {
        if (p_cols[k] < 0 || p_cols[k] >= n_cols) {
            PyErr_SetString(PyExc_ValueError, "part_cols: column out of range");
            goto done;
        }
    }
    for (Py_ssize_t k = 0; k < n_jcols; k++) {
        if (j_cols[k] < 0 || j_cols[k] >= n_cols) {
            PyErr_SetString(PyExc_ValueError, "join_cols: column out of range");
            goto done;
        }
    }
    for (Py_ssize_t v = 0; v < n_variants; v++) {
        longest = p_count[v] > longest ? p_count[v] : longest;
    }
    /* the query's rows as index lists: plain parts 0..direct, joined parts after */
    at = PyMem_Malloc((size_t)(n_q + longest + 1) * sizeof(int64_t));
    first = PyMem_Malloc((size_t)(longest + 1));
    if (at == NULL || first == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    int64_t *q_rows = at + longest + 1;
    for (Py_ssize_t k = 0; k < n_q; k++) {
        q_rows[k] = k;
    }
    Matrix x = {F64(b[SIMS]), n_cols, F64(b[QW]), F64(b[CW])};
    Py_ssize_t variant = 0, pcol = 0, jcol = 0;
    for (Py_ssize_t r = 0; r < n_rows; r++) {
        if (check_range(variant, variant + n_vars[r], n_variants, "n_vars") != 0) {
            goto done;
        }
        double factor = org[r] ? wt[W_ORG] : 1.0;
        double best_choice = -INFINITY, best_pull = -INFINITY;
        for (int64_t v = 0; v < n_vars[r]; v++, variant++) {
            int64_t lb = p_count[variant], ljb = j_count[variant];
            if (check_range(pcol, pcol + lb, n_pcols, "part_counts") != 0 ||
                check_range(jcol, jcol + ljb, n_jcols, "join_counts") != 0) {
                goto done;
            }
            Side c = {p_cols + pcol, p_first + pcol, lb};
            Side cj = {j_cols + jcol, j_first + jcol, ljb};
            Py_ssize_t q0 = 0, j0 = direct;
            for (Py_ssize_t n = 0; n < n_names; n++) {
                Side q = {q_rows + q0, q_first + q0, q_len[n]};
                Side qj = {q_rows + j0, q_first + j0, q_jlen[n]};
                Aligned a;
                int initials = org[r] ? 0 : INITIAL_PART; /* compare.align's `initials` */
                if (align(&x, &q, &c, &qj, &cj, wt + W_MIDDLE, initials, &w, at, first, &a) !=
                    0) {
                    goto done;
                }
                double match = wt[W_MATCH] * (1.0 - exp(-fmax(a.evidence, 0.0) / wt[W_SCALE]));
                double miss_q = 1.0 - a.q_cov, miss_c = 1.0 - a.c_cov;
                double penalty = 0.0;
                if (a.n_pairs == 1 && (q.n > 1 || lb > 1)) {
                    penalty += wt[W_SINGLE];
                }
                if (a.n_pairs > 0 && q.n >= 2 && lb >= 2) {
                    if (!(a.q_ends & END_FIRST) || !(a.c_ends & END_FIRST)) {
                        penalty += wt[W_FIRST];
                    }
                    /* features.is_short_form: the subject's last part left out by a query
                     * whose every part found a partner costs no last-part penalty */
                    int short_form = a.q_cov >= SHORT_FORM_COVERAGE;
                    if (!(a.q_ends & END_LAST) || (!(a.c_ends & END_LAST) && !short_form)) {
                        penalty += wt[W_LAST];
                    }
                }
                /* how scorer.py chooses the alignment, and what its features then add */
                double choice = match - wt[W_QUERY] * factor * miss_q -
                                wt[W_SUBJECT] * factor * miss_c - penalty;
                if (choices != NULL) {
                    choices[variant * n_names + n] = choice;
                }
                double pull = match - penalty;
                pull -= miss_q > 0.005 ? wt[W_QUERY] * factor * miss_q : 0.0;
                pull -= miss_c > 0.005 ? wt[W_SUBJECT] * factor * miss_c : 0.0;
                if (choice > best_choice + 1e-9) {
                    best_choice = choice;
                    best_pull = pull;
                } else if (choice >= best_choice - 1e-9) {
                    /* a near tie: either may be chosen, keep the larger pull (an upper bound) */
                    best_choice = fmax(best_choice, choice);
                    best_pull = fmax(best_pull, pull);
                }
                q0 += q_len[n];
                j0 += q_jlen[n];
            }
            pcol += lb;
            jcol += ljb;
        }
        out[r] = (n_vars[r] > 0 && n_names > 0) ? best_pull : NAN;
    }
    if (variant != n_variants || pcol != n_pcols || jcol != n_jcols) {
        PyErr_SetString(PyExc_ValueError, "name_logits: counts do not cover the arrays");
        goto done;
    }
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(w.pairs);
    PyMem_Free(w.used);
    PyMem_Free(at);
    PyMem_Free(first);
    for (int k = 0; k < NBUF; k++) {
        release(&b[k]);
    }
    return result;
}

/* ---------------------------------------------------------------------------------------- */
/* Retrieval: add up the weights of the posting lists a row is in, keep the best rows.      */

typedef struct {
    double total;
    int32_t row;
} Scored;

/* a before b in the answer: higher total, then lower row */
static inline int better(const Scored *a, const Scored *b) {
    return a->total > b->total || (a->total == b->total && a->row < b->row);
}

static void sift_down(Scored *heap, Py_ssize_t n, Py_ssize_t k) {
    /* min-heap on `better`: the root is the worst kept row */
    for (;;) {
        Py_ssize_t l = 2 * k + 1, r = l + 1, worst = k;
        if (l < n && better(&heap[worst], &heap[l])) {
            worst = l;
        }
        if (r < n && better(&heap[worst], &heap[r])) {
            worst = r;
        }
        if (worst == k) {
            return;
        }
        Scored t = heap[k];
        heap[k] = heap[worst];
        heap[worst] = t;
        k = worst;
    }
}

static int scored_order(const void *x, const void *y) {
    const Scored *a = x, *b = y;
    return better(a, b) ? -1 : (better(b, a) ? 1 : 0);
}

/* Keep ``item`` when it is among the ``wanted`` best so far (a min-heap of ``*kept`` items). */
static void offer(Scored *heap, Py_ssize_t *kept, Py_ssize_t wanted, Scored item) {
    if (*kept < wanted) {
        heap[(*kept)++] = item;
        if (*kept == wanted) {
            for (Py_ssize_t k = wanted / 2; k >= 0; k--) {
                sift_down(heap, wanted, k);
            }
        }
    } else if (wanted > 0 && better(&item, &heap[0])) {
        heap[0] = item;
        sift_down(heap, wanted, 0);
    }
}

/* The kept rows into ``out``, best first (ties to the lower row). */
static void emit_best(Scored *heap, Py_ssize_t kept, int32_t *out) {
    qsort(heap, (size_t)kept, sizeof(Scored), scored_order);
    for (Py_ssize_t k = 0; k < kept; k++) {
        out[k] = heap[k].row;
    }
}

static int is_hidden(const int32_t *hidden, Py_ssize_t n, int32_t row) {
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) {
        Py_ssize_t mid = lo + (hi - lo) / 2;
        if (hidden[mid] < row) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo < n && hidden[lo] == row;
}

PyDoc_STRVAR(top_rows_doc,
             "top_rows(rows, lengths, weights, hidden, out) -> int\n\n"
             "rows holds posting lists one after another (lengths[k] rows of weight\n"
             "weights[k]); every row scores the sum of the weights of the lists it is in.\n"
             "Writes the best rows not in hidden (sorted) into out, best first (ties: lower\n"
             "row first), and returns how many it wrote (at most len(out)).");

static PyObject *top_rows(PyObject *self, PyObject *args) {
    (void)self;
    enum { ROWS, LENGTHS, WEIGHTS, HIDDEN, OUT, NBUF };
    PyObject *objs[NBUF];
    if (!PyArg_UnpackTuple(args, "top_rows", NBUF, NBUF, &objs[0], &objs[1], &objs[2], &objs[3],
                           &objs[4])) {
        return NULL;
    }
    static const char *names[NBUF] = {"rows", "lengths", "weights", "hidden", "out"};
    Buf b[NBUF];
    memset(b, 0, sizeof(b));
    int32_t *keys = NULL;
    double *vals = NULL;
    Scored *heap = NULL;
    PyObject *result = NULL;
    for (int k = 0; k < NBUF; k++) {
        int is_row = (k == ROWS || k == HIDDEN || k == OUT);
        const char *formats = k == WEIGHTS ? "d" : (is_row ? "i" : "qlL");
        if (take(objs[k], &b[k], names[k], formats, is_row ? 4 : 8, k == OUT) != 0) {
            goto done;
        }
    }
    const int32_t *rows = b[ROWS].view.buf, *hidden = b[HIDDEN].view.buf;
    const int64_t *lengths = I64(b[LENGTHS]);
    const double *weights = F64(b[WEIGHTS]);
    int32_t *out = b[OUT].view.buf;
    Py_ssize_t n_rows = LEN(b[ROWS]), n_lists = LEN(b[LENGTHS]), n_hidden = LEN(b[HIDDEN]);
    Py_ssize_t wanted = LEN(b[OUT]);
    if (LEN(b[WEIGHTS]) != n_lists) {
        PyErr_SetString(PyExc_ValueError, "top_rows: weights and lengths differ in size");
        goto done;
    }
    int64_t total_len = 0;
    for (Py_ssize_t k = 0; k < n_lists; k++) {
        if (lengths[k] < 0) {
            PyErr_SetString(PyExc_ValueError, "lengths: negative length");
            goto done;
        }
        total_len += lengths[k];
    }
    if (total_len != n_rows) {
        PyErr_SetString(PyExc_ValueError, "lengths: do not add up to the rows");
        goto done;
    }
    size_t cap = 16;
    while (cap < (size_t)n_rows * 2) {
        cap <<= 1;
    }
    keys = PyMem_Malloc(cap * sizeof(int32_t));
    vals = PyMem_Malloc(cap * sizeof(double));
    heap = PyMem_Malloc((size_t)(wanted + 1) * sizeof(Scored));
    if (keys == NULL || vals == NULL || heap == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    memset(keys, 0xff, cap * sizeof(int32_t)); /* -1: empty */
    size_t mask = cap - 1;
    Py_ssize_t at = 0;
    for (Py_ssize_t k = 0; k < n_lists; k++) {
        double w = weights[k];
        for (int64_t i = 0; i < lengths[k]; i++, at++) {
            int32_t row = rows[at];
            if (row < 0) {
                PyErr_SetString(PyExc_ValueError, "rows: negative row");
                goto done;
            }
            size_t h = ((uint32_t)row * 2654435761u) & mask;
            while (keys[h] != -1 && keys[h] != row) {
                h = (h + 1) & mask;
            }
            if (keys[h] == -1) {
                keys[h] = row;
                vals[h] = 0.0;
            }
            vals[h] += w;
        }
    }
    Py_ssize_t kept = 0;
    for (size_t h = 0; h < cap; h++) {
        if (keys[h] == -1 || (n_hidden && is_hidden(hidden, n_hidden, keys[h]))) {
            continue;
        }
        Scored item = {vals[h], keys[h]};
        offer(heap, &kept, wanted, item);
    }
    emit_best(heap, kept, out);
    result = PyLong_FromSsize_t(kept);
done:
    PyMem_Free(keys);
    PyMem_Free(vals);
    PyMem_Free(heap);
    for (int k = 0; k < NBUF; k++) {
        release(&b[k]);
    }
    return result;
}

/* ---------------------------------------------------------------------------------------- */
/* Gathering a block: the name variants of some rows and their parts, as matrix columns.    */

static PyObject *new_bytes(Py_ssize_t n, void **data) {
    PyObject *out = PyBytes_FromStringAndSize(NULL, n > 0 ? n : 0);
    if (out != NULL) {
        *data = PyBytes_AS_STRING(out);
    }
    return out;
}

PyDoc_STRVAR(gather_doc,
             "gather(rows, name_start, part_start, part_ids, part_first, join_start, join_ids,\n"
             "       join_first) -> tuple of bytes\n\n"
             "The name variants of rows laid out for name_logits: (n_vars, part_counts,\n"
             "join_counts, part_cols, part_first, join_cols, join_first, unique) as int64\n"
             "bytes (int8 for the flags); unique holds the part id of each column, first\n"
             "seen first.");

static PyObject *gather(PyObject *self, PyObject *args) {
    (void)self;
    enum { ROWS, NSTART, PSTART, PIDS, PFIRST, JSTART, JIDS, JFIRST, NBUF };
    PyObject *objs[NBUF];
    if (!PyArg_UnpackTuple(args, "gather", NBUF, NBUF, &objs[0], &objs[1], &objs[2], &objs[3],
                           &objs[4], &objs[5], &objs[6], &objs[7])) {
        return NULL;
    }
    static const char *names[NBUF] = {"rows",       "name_start", "part_start", "part_ids",
                                      "part_first", "join_start", "join_ids",   "join_first"};
    Buf b[NBUF];
    memset(b, 0, sizeof(b));
    PyObject *out[8] = {NULL};
    int64_t *slot_of = NULL; /* hash map: part id -> column */
    int32_t *hkeys = NULL;
    PyObject *result = NULL;
    for (int k = 0; k < NBUF; k++) {
        const char *formats = "qlL";
        Py_ssize_t size = 8;
        if (k == PIDS || k == JIDS) {
            formats = "i";
            size = 4;
        } else if (k == PFIRST || k == JFIRST) {
            formats = "bB?";
            size = 1;
        }
        if (take(objs[k], &b[k], names[k], formats, size, 0) != 0) {
            goto done;
        }
    }
    const int64_t *rows = I64(b[ROWS]), *nstart = I64(b[NSTART]);
    const int64_t *pstart = I64(b[PSTART]), *jstart = I64(b[JSTART]);
    const int32_t *pids = b[PIDS].view.buf, *jids = b[JIDS].view.buf;
    const int8_t *pfirst = b[PFIRST].view.buf, *jfirst = b[JFIRST].view.buf;
    Py_ssize_t n_rows = LEN(b[ROWS]), n_names = LEN(b[NSTART]) - 1;
    Py_ssize_t n_pslots = LEN(b[PIDS]), n_jslots = LEN(b[JIDS]);
    if (n_names < 0 || LEN(b[PSTART]) != LEN(b[JSTART]) || LEN(b[PFIRST]) != n_pslots ||
        LEN(b[JFIRST]) != n_jslots) {
        PyErr_SetString(PyExc_ValueError, "gather: table arrays do not agree");
        goto done;
    }
    Py_ssize_t n_variants_total = LEN(b[PSTART]) - 1;
    /* first pass: sizes, with every slice checked */
    Py_ssize_t n_var = 0, n_p = 0, n_j = 0;
    for (Py_ssize_t r = 0; r < n_rows; r++) {
        int64_t row = rows[r];
        if (row < 0 || row >= n_names || check_range(nstart[row], nstart[row + 1],
                                                     n_variants_total, "name_start") != 0) {
            if (!PyErr_Occurred()) {
                PyErr_SetString(PyExc_ValueError, "rows: row out of range");
            }
            goto done;
        }
        for (int64_t v = nstart[row]; v < nstart[row + 1]; v++) {
            if (check_range(pstart[v], pstart[v + 1], n_pslots, "part_start") != 0 ||
                check_range(jstart[v], jstart[v + 1], n_jslots, "join_start") != 0) {
                goto done;
            }
            n_var++;
            n_p += pstart[v + 1] - pstart[v];
            n_j += jstart[v + 1] - jstart[v];
        }
    }
    int64_t *o_nvars, *o_pcount, *o_jcount, *o_pcols, *o_jcols, *o_unique;
    int8_t *o_pfirst, *o_jfirst;
    if ((out[0] = new_bytes(n_rows * 8, (void **)&o_nvars)) == NULL ||
        (out[1] = new_bytes(n_var * 8, (void **)&o_pcount)) == NULL ||
        (out[2] = new_bytes(n_var * 8, (void **)&o_jcount)) == NULL ||
        (out[3] = new_bytes(n_p * 8, (void **)&o_pcols)) == NULL ||
        (out[4] = new_bytes(n_p, (void **)&o_pfirst)) == NULL ||
        (out[5] = new_bytes(n_j * 8, (void **)&o_jcols)) == NULL ||
        (out[6] = new_bytes(n_j, (void **)&o_jfirst)) == NULL) {
        goto done;
    }
    size_t cap = 16;
    while (cap < (size_t)(n_p + n_j) * 2) {
        cap <<= 1;
    }
    hkeys = PyMem_Malloc(cap * sizeof(int32_t));
    slot_of = PyMem_Malloc(cap * sizeof(int64_t));
    o_unique = PyMem_Malloc((size_t)(n_p + n_j + 1) * sizeof(int64_t));
    if (hkeys == NULL || slot_of == NULL || o_unique == NULL) {
        PyMem_Free(o_unique);
        PyErr_NoMemory();
        goto done;
    }
    memset(hkeys, 0xff, cap * sizeof(int32_t));
    size_t mask = cap - 1;
    Py_ssize_t n_unique = 0, var = 0, ip = 0, ij = 0;
#define COLUMN(pid, dest)                                                                      \
    do {                                                                                       \
        int32_t key_ = (pid);                                                                  \
        size_t h_ = ((uint32_t)key_ * 2654435761u) & mask;                                     \
        while (hkeys[h_] != -1 && hkeys[h_] != key_) {                                         \
            h_ = (h_ + 1) & mask;                                                              \
        }                                                                                      \
        if (hkeys[h_] == -1) {                                                                 \
            hkeys[h_] = key_;                                                                  \
            slot_of[h_] = n_unique;                                                            \
            o_unique[n_unique++] = key_;                                                       \
        }                                                                                      \
        (dest) = slot_of[h_];                                                                  \
    } while (0)
    for (Py_ssize_t r = 0; r < n_rows; r++) {
        int64_t row = rows[r];
        o_nvars[r] = nstart[row + 1] - nstart[row];
        for (int64_t v = nstart[row]; v < nstart[row + 1]; v++, var++) {
            o_pcount[var] = pstart[v + 1] - pstart[v];
            o_jcount[var] = jstart[v + 1] - jstart[v];
            for (int64_t k = pstart[v]; k < pstart[v + 1]; k++, ip++) {
                if (pids[k] < 0) {
                    PyErr_SetString(PyExc_ValueError, "part_ids: negative id");
                    PyMem_Free(o_unique);
                    goto done;
                }
                COLUMN(pids[k], o_pcols[ip]);
                o_pfirst[ip] = pfirst[k];
            }
            for (int64_t k = jstart[v]; k < jstart[v + 1]; k++, ij++) {
                if (jids[k] < 0) {
                    PyErr_SetString(PyExc_ValueError, "join_ids: negative id");
                    PyMem_Free(o_unique);
                    goto done;
                }
                COLUMN(jids[k], o_jcols[ij]);
                o_jfirst[ij] = jfirst[k];
            }
        }
    }
#undef COLUMN
    out[7] = PyBytes_FromStringAndSize((const char *)o_unique, n_unique * 8);
    PyMem_Free(o_unique);
    if (out[7] == NULL) {
        goto done;
    }
    result = PyTuple_New(8);
    if (result != NULL) {
        for (int k = 0; k < 8; k++) {
            PyTuple_SET_ITEM(result, k, out[k]);
            out[k] = NULL;
        }
    }
done:
    for (int k = 0; k < 8; k++) {
        Py_XDECREF(out[k]);
    }
    PyMem_Free(hkeys);
    PyMem_Free(slot_of);
    for (int k = 0; k < NBUF; k++) {
        release(&b[k]);
    }
    return result;
}

/* ---------------------------------------------------------------------------------------- */
/* Retrieval over the block's own posting arrays, summed in a dense scratch array.          */

PyDoc_STRVAR(top_keyed_doc,
             "top_keyed(offsets, postings, keys, weights, extra, extra_lengths, extra_weights,\n"
             "          hidden, scratch, out) -> int\n\n"
             "top_rows() of the posting lists postings[offsets[k]:offsets[k + 1]] of the keys\n"
             "(weights[i] for keys[i]), then of the lists held one after another in extra\n"
             "(extra_lengths[j] rows of weight extra_weights[j]), added up in that order.\n"
             "scratch is a float64 array of zeros with an item per row of the block; the\n"
             "rows' sums are kept there during the call and it is zeros again after it.\n"
             "Every weight must be above zero.");

static PyObject *top_keyed(PyObject *self, PyObject *args) {
    (void)self;
    enum { OFFSETS, POSTINGS, KEYS, WEIGHTS, EXTRA, EXTRA_LENGTHS, EXTRA_WEIGHTS, HIDDEN,
           SCRATCH, OUT, NBUF };
    PyObject *objs[NBUF];
    if (!PyArg_UnpackTuple(args, "top_keyed", NBUF, NBUF, &objs[0], &objs[1], &objs[2],
                           &objs[3], &objs[4], &objs[5], &objs[6], &objs[7], &objs[8],
                           &objs[9])) {
        return NULL;
    }
    static const char *names[NBUF] = {"offsets", "postings", "keys", "weights", "extra",
                                      "extra_lengths", "extra_weights", "hidden", "scratch",
                                      "out"};
    static const char kinds[NBUF] = {'q', 'i', 'q', 'd', 'i', 'q', 'd', 'i', 'd', 'i'};
    Buf b[NBUF];
    memset(b, 0, sizeof(b));
    int32_t *touched = NULL;
    Py_ssize_t n_touched = 0;
    Scored *heap = NULL;
    PyObject *result = NULL;
    double *sums = NULL;
    for (int k = 0; k < NBUF; k++) {
        const char *formats = kinds[k] == 'q' ? "qlL" : (kinds[k] == 'i' ? "i" : "d");
        Py_ssize_t size = kinds[k] == 'i' ? 4 : 8;
        if (take(objs[k], &b[k], names[k], formats, size, k == SCRATCH || k == OUT) != 0) {
            goto done;
        }
    }
    const int64_t *offsets = I64(b[OFFSETS]), *keys = I64(b[KEYS]);
    const int64_t *extra_lengths = I64(b[EXTRA_LENGTHS]);
    const int32_t *postings = b[POSTINGS].view.buf, *extra = b[EXTRA].view.buf;
    const int32_t *hidden = b[HIDDEN].view.buf;
    const double *weights = F64(b[WEIGHTS]), *extra_weights = F64(b[EXTRA_WEIGHTS]);
    int32_t *out = b[OUT].view.buf;
    sums = F64(b[SCRATCH]);
    Py_ssize_t n_offsets = LEN(b[OFFSETS]), n_postings = LEN(b[POSTINGS]);
    Py_ssize_t n_keys = LEN(b[KEYS]), n_extra = LEN(b[EXTRA]), n_lists = LEN(b[EXTRA_LENGTHS]);
    Py_ssize_t n_hidden = LEN(b[HIDDEN]), n_scratch = LEN(b[SCRATCH]), wanted = LEN(b[OUT]);
    if (LEN(b[WEIGHTS]) != n_keys || LEN(b[EXTRA_WEIGHTS]) != n_lists) {
        PyErr_SetString(PyExc_ValueError, "top_keyed: weights and their lists differ in size");
        goto done;
    }
    int64_t total = 0, extra_total = 0;
    for (Py_ssize_t i = 0; i < n_keys; i++) {
        if (keys[i] < 0 || keys[i] + 1 >= n_offsets) {
            PyErr_SetString(PyExc_ValueError, "keys: a key outside the offsets");
            goto done;
        }
        if (check_range(offsets[keys[i]], offsets[keys[i] + 1], n_postings, "offsets") != 0) {
            goto done;
        }
        if (!(weights[i] > 0.0)) {
            PyErr_SetString(PyExc_ValueError, "weights: not above zero");
            goto done;
        }
        total += offsets[keys[i] + 1] - offsets[keys[i]];
    }
    for (Py_ssize_t j = 0; j < n_lists; j++) {
        if (extra_lengths[j] < 0 || !(extra_weights[j] > 0.0)) {
            PyErr_SetString(PyExc_ValueError, "extra: a negative length or a weight not above zero");
            goto done;
        }
        extra_total += extra_lengths[j];
    }
    if (extra_total != n_extra) {
        PyErr_SetString(PyExc_ValueError, "extra_lengths: do not add up to the extra rows");
        goto done;
    }
    touched = PyMem_Malloc((size_t)(total + extra_total + 1) * sizeof(int32_t));
    heap = PyMem_Malloc((size_t)(wanted + 1) * sizeof(Scored));
    if (touched == NULL || heap == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    /* the lists in order: the keys' lists, then the extra ones; a row's first weight makes
       its sum nonzero (every weight is above zero), which marks it as touched */
    Py_ssize_t at = 0;
    for (Py_ssize_t i = 0; i < n_keys + n_lists; i++) {
        const int32_t *list;
        int64_t length;
        double w;
        if (i < n_keys) {
            list = postings + offsets[keys[i]];
            length = offsets[keys[i] + 1] - offsets[keys[i]];
            w = weights[i];
        } else {
            list = extra + at;
            length = extra_lengths[i - n_keys];
            w = extra_weights[i - n_keys];
            at += length;
        }
        for (int64_t r = 0; r < length; r++) {
            int32_t row = list[r];
            if (row < 0 || row >= n_scratch) {
                PyErr_SetString(PyExc_ValueError, "rows: a row outside the scratch array");
                goto done;
            }
            if (sums[row] == 0.0) {
                touched[n_touched++] = row;
            }
            sums[row] += w;
        }
    }
    Py_ssize_t kept = 0;
    for (Py_ssize_t t = 0; t < n_touched; t++) {
        int32_t row = touched[t];
        if (n_hidden && is_hidden(hidden, n_hidden, row)) {
            continue;
        }
        Scored item = {sums[row], row};
        offer(heap, &kept, wanted, item);
    }
    emit_best(heap, kept, out);
    result = PyLong_FromSsize_t(kept);
done:
    for (Py_ssize_t t = 0; t < n_touched; t++) {
        sums[touched[t]] = 0.0;
    }
    PyMem_Free(touched);
    PyMem_Free(heap);
    for (int k = 0; k < NBUF; k++) {
        release(&b[k]);
    }
    return result;
}

static PyMethodDef methods[] = {
    {"gather", gather, METH_VARARGS, gather_doc},
    {"top_rows", top_rows, METH_VARARGS, top_rows_doc},
    {"top_keyed", top_keyed, METH_VARARGS, top_keyed_doc},
    {"name_logits", name_logits, METH_VARARGS, name_logits_doc},
    {"combine", combine, METH_VARARGS, combine_doc},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_kernel", "Compiled loops of the match index's score bounds.", -1,
    methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__kernel(void) { return PyModule_Create(&module); }
