package io.oktioneer.history.events;

import java.util.Arrays;

/**
 * The bytes of a TabSeparated body and where each of its rows ends, so a batch can be split when ClickHouse
 * rejects one of its rows. Grows as needed; {@link TsvWriter} writes the values.
 */
public abstract sealed class RowBuffer permits TsvWriter {

    byte[] buffer;
    int size;
    private int[] rowEnds = new int[1024];
    private int rows;
    private boolean firstColumn = true;

    RowBuffer(int initialCapacity) {
        buffer = new byte[Math.max(initialCapacity, 64)];
    }

    public byte[] buffer() {
        return buffer;
    }

    public int size() {
        return size;
    }

    public int rows() {
        return rows;
    }

    /** Where row {@code index} starts in {@link #buffer()}. */
    public int rowStart(int index) {
        return index == 0 ? 0 : rowEnds[index - 1];
    }

    /** Where row {@code index} ends (exclusive, after its newline). */
    public int rowEnd(int index) {
        return rowEnds[index];
    }

    /** Empties it for reuse, keeping its buffer. */
    public void reset() {
        size = 0;
        rows = 0;
        firstColumn = true;
    }

    /** Drops the unfinished row written since {@code sizeBefore} (a record that failed half-way). */
    public void discardPartialRow(int sizeBefore) {
        size = sizeBefore;
        firstColumn = true;
    }

    public void endRow() {
        put((byte) '\n');
        if (rows == rowEnds.length) {
            rowEnds = Arrays.copyOf(rowEnds, rows * 2);
        }
        rowEnds[rows++] = size;
        firstColumn = true;
    }

    final void separator() {
        if (firstColumn) {
            firstColumn = false;
        } else {
            put((byte) '\t');
        }
    }

    final void put(byte b) {
        if (size == buffer.length) {
            grow(1);
        }
        buffer[size++] = b;
    }

    final void put(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buffer, size, length);
        size += length;
    }

    final void ensure(int extra) {
        if (size + extra > buffer.length) {
            grow(extra);
        }
    }

    private void grow(int extra) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
    }
}
