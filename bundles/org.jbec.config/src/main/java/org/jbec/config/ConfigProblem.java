package org.jbec.config;

/**
 * One thing wrong with a configuration file, precise enough to fix it without searching.
 *
 * @param file    the file as given by the user
 * @param line    1-based line, or 0 when the problem concerns the whole file
 * @param column  1-based column, or 0 when unknown
 * @param key     dotted path of the offending key ({@code redis.port}), or empty
 * @param message what is wrong and what would be right
 */
public record ConfigProblem(String file, int line, int column, String key, String message) {

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(file);
        if (line > 0) {
            s.append(':').append(line);
            if (column > 0) {
                s.append(':').append(column);
            }
        }
        s.append(": ");
        if (!key.isEmpty()) {
            s.append(key).append(": ");
        }
        return s.append(message).toString();
    }
}
