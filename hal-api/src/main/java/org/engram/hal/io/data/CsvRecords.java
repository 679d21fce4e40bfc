package org.engram.hal.io.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * The data lines of a simple CSV file, as Engram's tables read them: blank lines and lines starting with
 * {@code #} are skipped, fields are split on commas and trimmed, and each line keeps its number for errors.
 */
final class CsvRecords {
    private final BufferedReader in;
    private long line;
    private String[] fields;

    CsvRecords(Reader reader) {
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
    }

    /** Advances to the next data line; false at the end. */
    boolean next() throws IOException {
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            String t = text.strip();
            if (t.isEmpty() || t.startsWith("#")) continue;
            fields = t.split(",", -1);
            for (int k = 0; k < fields.length; k++) fields[k] = fields[k].strip();
            return true;
        }
        return false;
    }

    /** The current line's fields, trimmed. */
    String[] fields() { return fields; }

    /** The current line's number, from 1. */
    long line() { return line; }
}
