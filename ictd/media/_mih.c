/*
 * ictd.media._mih: multi-index hashing of 256-bit PDQ hashes in Hamming space, compiled.
 *
 * The hashes are an (n, 4) array of uint64 (word 0 holds bits 0-63, bit 0 the highest). The
 * 256 bits are cut into m contiguous chunks (`starts`, `lens`, each chunk at most 32 bits).
 *
 * - build(): for every chunk, a counting sort of the rows by the chunk's value: `offsets`
 *   (per chunk 2^len + 1 entries, from `bases`) and `positions` (per chunk n rows);
 * - search(): the rows within `radius` of a query. With thresholds t_i summing to
 *   radius - m + 1, a hash within `radius` is within t_i of the query on some chunk i
 *   (were every chunk i at least t_i + 1 apart, the whole would be at least radius + 1
 *   apart), so probing every value within t_i bits of the query's chunk in table i and
 *   verifying the rows found with the full distance is exact. Probes, row lists and hashes
 *   are prefetched a batch ahead, since each is a read from far away in memory;
 * - scan(): the same answer by comparing with every row (small indexes, the rows added since
 *   the last build, large radii, and the tests).
 *
 * Arrays come through the buffer protocol and are checked for kind and size; every offset
 * and position read is checked against its array's bounds. Nothing is kept between calls.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define WORDS 4
#define BATCH 32 /* prefetch distance, in probes and in rows */
#define MAX_CHUNKS 64

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

/* A C-contiguous buffer of items of `itemsize` bytes whose format is one of `formats`. */
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

static Py_ssize_t count(const Buf *b) { return b->view.len / b->view.itemsize; }

/* Bits [start, start + len) of a hash, len 1..32. */
static inline uint32_t chunk_of(const uint64_t *w, int start, int len) {
    int wi = start >> 6, off = start & 63;
    uint64_t top = w[wi] << off;
    if (off + len > 64) {
        top |= w[wi + 1] >> (64 - off);
    }
    return (uint32_t)(top >> (64 - len));
}

/* The verifying loops are compiled twice where the compiler can: with the POPCNT
 * instruction and without, the loader picking the one the processor runs. */
#if defined(__x86_64__) && defined(__has_attribute)
#if __has_attribute(target_clones)
#define WITH_POPCNT __attribute__((target_clones("popcnt", "default")))
#endif
#endif
#ifndef WITH_POPCNT
#define WITH_POPCNT
#endif

static inline int distance(const uint64_t *a, const uint64_t *b) {
    return __builtin_popcountll(a[0] ^ b[0]) + __builtin_popcountll(a[1] ^ b[1]) +
           __builtin_popcountll(a[2] ^ b[2]) + __builtin_popcountll(a[3] ^ b[3]);
}

typedef struct {
    int m;
    int starts[MAX_CHUNKS];
    int lens[MAX_CHUNKS];
    int64_t bases[MAX_CHUNKS];
} Layout;

/* The chunk layout from two int64 sequences; checks that the chunks tile 256 bits and that
 * `offsets` (when given, entries counted by `noffsets`) holds every table. */
static int read_layout(PyObject *starts, PyObject *lens, Layout *layout, Py_ssize_t noffsets) {
    Buf s = {0}, l = {0};
    if (take(starts, &s, "starts", "qlL", 8, 0) != 0) {
        return -1;
    }
    if (take(lens, &l, "lens", "qlL", 8, 0) != 0) {
        release(&s);
        return -1;
    }
    Py_ssize_t m = count(&s);
    int ok = m >= 1 && m <= MAX_CHUNKS && count(&l) == m;
    int64_t at = 0, base = 0;
    for (Py_ssize_t i = 0; ok && i < m; i++) {
        int64_t start = ((int64_t *)s.view.buf)[i], len = ((int64_t *)l.view.buf)[i];
        ok = start == at && len >= 1 && len <= 32;
        layout->starts[i] = (int)start;
        layout->lens[i] = (int)len;
        layout->bases[i] = base;
        at += len;
        base += ((int64_t)1 << len) + 1;
    }
    ok = ok && at == 256 && (noffsets < 0 || base <= noffsets);
    layout->m = (int)m;
    release(&s);
    release(&l);
    if (!ok) {
        PyErr_SetString(PyExc_ValueError, "chunks must tile the 256 bits, each 1 to 32 bits");
        return -1;
    }
    return 0;
}

/* build(words, starts, lens, offsets, positions): counting sort of the rows per chunk. */
static PyObject *build(PyObject *self, PyObject *args) {
    PyObject *o_words, *o_starts, *o_lens, *o_offsets, *o_positions;
    if (!PyArg_ParseTuple(args, "OOOOO", &o_words, &o_starts, &o_lens, &o_offsets,
                          &o_positions)) {
        return NULL;
    }
    Buf words = {0}, offsets = {0}, positions = {0};
    Layout layout;
    PyObject *result = NULL;
    if (take(o_words, &words, "words", "QLk", 8, 0) != 0 ||
        take(o_offsets, &offsets, "offsets", "IL", 4, 1) != 0 ||
        take(o_positions, &positions, "positions", "IL", 4, 1) != 0) {
        goto done;
    }
    if (read_layout(o_starts, o_lens, &layout, count(&offsets)) != 0) {
        goto done;
    }
    Py_ssize_t n = count(&words) / WORDS;
    if (count(&words) % WORDS != 0 || n >= UINT32_MAX ||
        count(&positions) < (Py_ssize_t)layout.m * n) {
        PyErr_SetString(PyExc_ValueError, "words must be (n, 4), positions m * n");
        goto done;
    }
    const uint64_t *w = (const uint64_t *)words.view.buf;
    uint32_t *off = (uint32_t *)offsets.view.buf;
    uint32_t *pos = (uint32_t *)positions.view.buf;
    Py_BEGIN_ALLOW_THREADS;
    for (int c = 0; c < layout.m; c++) {
        int start = layout.starts[c], len = layout.lens[c];
        uint32_t *table = off + layout.bases[c];
        uint32_t *rows = pos + (Py_ssize_t)c * n;
        size_t size = (size_t)1 << len;
        memset(table, 0, (size + 1) * sizeof(uint32_t));
        for (Py_ssize_t r = 0; r < n; r++) {
            table[chunk_of(w + r * WORDS, start, len) + 1]++;
        }
        for (size_t k = 0; k < size; k++) {
            table[k + 1] += table[k];
        }
        /* place each row at its value's next free slot, then move the starts back */
        for (Py_ssize_t r = 0; r < n; r++) {
            uint32_t key = chunk_of(w + r * WORDS, start, len);
            rows[table[key]++] = (uint32_t)r;
        }
        for (size_t k = size; k > 0; k--) {
            table[k] = table[k - 1];
        }
        table[0] = 0;
    }
    Py_END_ALLOW_THREADS;
    result = Py_None;
    Py_INCREF(result);
done:
    release(&words);
    release(&offsets);
    release(&positions);
    return result;
}

typedef struct {
    int64_t *rows;
    int32_t *dist;
    Py_ssize_t size, cap;
} Found;

static int keep(Found *f, int64_t row, int d) {
    if (f->size == f->cap) {
        Py_ssize_t cap = f->cap ? f->cap * 2 : 64;
        int64_t *rows = realloc(f->rows, cap * sizeof(int64_t));
        if (!rows) {
            return -1;
        }
        f->rows = rows;
        int32_t *dist = realloc(f->dist, cap * sizeof(int32_t));
        if (!dist) {
            return -1;
        }
        f->dist = dist;
        f->cap = cap;
    }
    f->rows[f->size] = row;
    f->dist[f->size] = d;
    f->size++;
    return 0;
}

static int by_row(const void *a, const void *b) {
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* [(row, distance)] of the found rows, each row once, by row. */
static PyObject *answer(Found *f) {
    int64_t *pairs = malloc((f->size ? f->size : 1) * 2 * sizeof(int64_t));
    if (!pairs) {
        return PyErr_NoMemory();
    }
    for (Py_ssize_t i = 0; i < f->size; i++) {
        pairs[2 * i] = f->rows[i];
        pairs[2 * i + 1] = f->dist[i];
    }
    qsort(pairs, f->size, 2 * sizeof(int64_t), by_row);
    PyObject *out = PyList_New(0);
    for (Py_ssize_t i = 0; out && i < f->size; i++) {
        if (i && pairs[2 * i] == pairs[2 * i - 2]) {
            continue;
        }
        PyObject *item = Py_BuildValue("(Li)", (long long)pairs[2 * i], (int)pairs[2 * i + 1]);
        if (!item || PyList_Append(out, item) != 0) {
            Py_XDECREF(item);
            Py_CLEAR(out);
        }
        Py_XDECREF(item);
    }
    free(pairs);
    return out;
}

static int read_query(PyObject *o_query, uint64_t q[WORDS]) {
    Buf query = {0};
    if (take(o_query, &query, "query", "QLk", 8, 0) != 0) {
        return -1;
    }
    if (count(&query) != WORDS) {
        release(&query);
        PyErr_SetString(PyExc_ValueError, "query must be 4 uint64 words");
        return -1;
    }
    memcpy(q, query.view.buf, sizeof(uint64_t) * WORDS);
    release(&query);
    return 0;
}

/* Rows among `n` within `radius` of `q` into `found`; -1 when out of memory. */
WITH_POPCNT static int scan_rows(const uint64_t *w, Py_ssize_t n, const uint64_t *q, int radius,
                                 Found *found) {
    for (Py_ssize_t r = 0; r < n; r++) {
        int d = distance(w + r * WORDS, q);
        if (d <= radius && keep(found, r, d) != 0) {
            return -1;
        }
    }
    return 0;
}

/* The candidate rows within `radius` of `q` into `found`: -1 out of memory, -2 a row out
 * of bounds. */
WITH_POPCNT static int verify(const uint64_t *w, Py_ssize_t n, const uint32_t *cands,
                              Py_ssize_t ncands, const uint64_t *q, int radius, Found *found) {
    for (Py_ssize_t i = 0; i < ncands; i++) {
        if (i + BATCH < ncands) {
            __builtin_prefetch(w + (Py_ssize_t)cands[i + BATCH] * WORDS);
        }
        uint32_t row = cands[i];
        if (row >= n) {
            return -2;
        }
        int d = distance(w + (Py_ssize_t)row * WORDS, q);
        if (d <= radius && keep(found, row, d) != 0) {
            return -1;
        }
    }
    return 0;
}

/* scan(words, query, radius): [(row, distance)] of every row within radius. */
static PyObject *scan(PyObject *self, PyObject *args) {
    PyObject *o_words, *o_query;
    int radius;
    if (!PyArg_ParseTuple(args, "OOi", &o_words, &o_query, &radius)) {
        return NULL;
    }
    uint64_t q[WORDS];
    if (read_query(o_query, q) != 0) {
        return NULL;
    }
    Buf words = {0};
    if (take(o_words, &words, "words", "QLk", 8, 0) != 0) {
        return NULL;
    }
    Py_ssize_t n = count(&words) / WORDS;
    const uint64_t *w = (const uint64_t *)words.view.buf;
    Found found = {0};
    int failed = 0;
    Py_BEGIN_ALLOW_THREADS;
    failed = scan_rows(w, n, q, radius, &found) != 0;
    Py_END_ALLOW_THREADS;
    release(&words);
    PyObject *out = failed ? PyErr_NoMemory() : answer(&found);
    free(found.rows);
    free(found.dist);
    return out;
}


/* search(words, starts, lens, thresholds, offsets, positions, query, radius). */
static PyObject *search(PyObject *self, PyObject *args) {
    PyObject *o_words, *o_starts, *o_lens, *o_thresholds, *o_offsets, *o_positions, *o_query;
    int radius;
    if (!PyArg_ParseTuple(args, "OOOOOOOi", &o_words, &o_starts, &o_lens, &o_thresholds,
                          &o_offsets, &o_positions, &o_query, &radius)) {
        return NULL;
    }
    uint64_t q[WORDS];
    if (read_query(o_query, q) != 0) {
        return NULL;
    }
    Buf words = {0}, thresholds = {0}, offsets = {0}, positions = {0};
    Layout layout;
    PyObject *out = NULL;
    uint64_t *probes = NULL; /* (offset index) per probe */
    uint32_t *cands = NULL;
    Found found = {0};
    if (take(o_words, &words, "words", "QLk", 8, 0) != 0 ||
        take(o_thresholds, &thresholds, "thresholds", "qlL", 8, 0) != 0 ||
        take(o_offsets, &offsets, "offsets", "IL", 4, 0) != 0 ||
        take(o_positions, &positions, "positions", "IL", 4, 0) != 0) {
        goto done;
    }
    if (read_layout(o_starts, o_lens, &layout, count(&offsets)) != 0) {
        goto done;
    }
    Py_ssize_t n = count(&words) / WORDS;
    if (count(&thresholds) != layout.m || count(&positions) < (Py_ssize_t)layout.m * n) {
        PyErr_SetString(PyExc_ValueError, "thresholds must be m, positions m * n");
        goto done;
    }
    const int64_t *t = (const int64_t *)thresholds.view.buf;
    /* the probes: every chunk value within t_i bits of the query's, enumerated with
       Gosper's hack per number of bits flipped */
    Py_ssize_t nprobes = 0, cap = 1024;
    probes = malloc(cap * sizeof(uint64_t));
    if (!probes) {
        PyErr_NoMemory();
        goto done;
    }
    for (int c = 0; c < layout.m; c++) {
        int len = layout.lens[c];
        uint64_t key = chunk_of(q, layout.starts[c], len), limit = (uint64_t)1 << len;
        for (int64_t k = 0; k <= t[c] && k <= len; k++) {
            uint64_t mask = k ? ((uint64_t)1 << k) - 1 : 0;
            while (mask < limit) {
                if (nprobes == cap) {
                    cap *= 2;
                    uint64_t *more = realloc(probes, cap * sizeof(uint64_t));
                    if (!more) {
                        PyErr_NoMemory();
                        goto done;
                    }
                    probes = more;
                }
                probes[nprobes++] = (uint64_t)layout.bases[c] + (key ^ mask);
                if (!k) {
                    break;
                }
                uint64_t low = mask & -mask, ripple = mask + low;
                mask = (((ripple ^ mask) >> 2) >> __builtin_ctzll(low)) | ripple;
            }
        }
    }
    const uint64_t *w = (const uint64_t *)words.view.buf;
    const uint32_t *off = (const uint32_t *)offsets.view.buf;
    const uint32_t *pos = (const uint32_t *)positions.view.buf;
    Py_ssize_t noff = count(&offsets), npos = count(&positions);
    Py_ssize_t ncands = 0, total = 0;
    int failed = 0;
    Py_BEGIN_ALLOW_THREADS;
    /* pass 1: each probe's row range (offsets prefetched a batch ahead), kept in `probes`
       as (first << 32 | count) with the first row already absolute in `positions` */
    int chunk = 0;
    for (Py_ssize_t p = 0; p < nprobes; p++) {
        if (p + BATCH < nprobes) {
            __builtin_prefetch(off + probes[p + BATCH]);
        }
        uint64_t at = probes[p];
        while (chunk + 1 < layout.m && at >= (uint64_t)layout.bases[chunk + 1]) {
            chunk++;
        }
        if (at + 1 >= (uint64_t)noff) {
            failed = 2;
            break;
        }
        uint32_t from = off[at], to = off[at + 1];
        uint64_t row0 = (uint64_t)chunk * (uint64_t)n;
        if (to < from || to > n || row0 + to > (uint64_t)npos || row0 + from >= ((uint64_t)1 << 40)) {
            failed = 2;
            break;
        }
        probes[p] = ((row0 + from) << 24) | (uint64_t)((to - from) & 0xFFFFFF);
        if (to - from > 0xFFFFFF) {
            failed = 3; /* a value shared by more than 2^24 rows: the caller scans instead */
            break;
        }
        total += to - from;
    }
    if (!failed) {
        cands = malloc((total ? total : 1) * sizeof(uint32_t));
        failed = cands ? 0 : 1;
    }
    /* pass 2: the rows of each range (ranges prefetched a batch ahead, hashes as read) */
    for (Py_ssize_t p = 0; p < nprobes && !failed; p++) {
        if (p + BATCH < nprobes && (probes[p + BATCH] & 0xFFFFFF)) {
            __builtin_prefetch(pos + (probes[p + BATCH] >> 24));
        }
        uint64_t first = probes[p] >> 24, many = probes[p] & 0xFFFFFF;
        for (uint64_t i = 0; i < many; i++) {
            uint32_t row = pos[first + i];
            __builtin_prefetch(w + (Py_ssize_t)row * WORDS);
            cands[ncands++] = row;
        }
    }
    if (!failed) {
        int v = verify(w, n, cands, ncands, q, radius, &found);
        failed = v == -1 ? 1 : v == -2 ? 2 : 0;
    }
    Py_END_ALLOW_THREADS;
    if (failed == 1) {
        PyErr_NoMemory();
    } else if (failed == 2) {
        PyErr_SetString(PyExc_ValueError, "the index tables are inconsistent");
    } else if (failed == 3) {
        PyErr_SetString(PyExc_OverflowError, "too many rows share a chunk value");
    } else {
        out = answer(&found);
    }
done:
    free(probes);
    free(cands);
    free(found.rows);
    free(found.dist);
    release(&words);
    release(&thresholds);
    release(&offsets);
    release(&positions);
    return out;
}

static PyMethodDef methods[] = {
    {"build", build, METH_VARARGS, "Counting-sort the rows of every chunk table."},
    {"search", search, METH_VARARGS, "Rows within a radius, by multi-index hashing."},
    {"scan", scan, METH_VARARGS, "Rows within a radius, by comparing with every row."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_mih", "Multi-index hashing of PDQ hashes.", -1, methods,
};

PyMODINIT_FUNC PyInit__mih(void) { return PyModule_Create(&module); }
