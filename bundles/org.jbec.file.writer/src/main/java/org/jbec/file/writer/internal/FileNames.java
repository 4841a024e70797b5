package org.jbec.file.writer.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * BEC's file naming (bec-behaviour.md §8.1): {@code <base>[/<account>]/S00000-00999/S00042[_suffix]/
 * S00042_master[_suffix].h5}, or the user's {@code file_directory} instead of the scan directory.
 * Anything that would leave the base path, and names outside BEC's alphabet, are refused.
 */
final class FileNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
    private static final Pattern DIRECTORY = Pattern.compile("[A-Za-z0-9_/-]+");

    private FileNames() {
    }

    /** The base path for an account: {@code $account} substituted, else the account appended when set. */
    static Path base(String basePath, String account) {
        if (account != null && !account.isEmpty() && !NAME.matcher(account).matches()) {
            throw new IllegalArgumentException("account '" + account + "' is not alphanumeric with _ and -");
        }
        if (basePath.contains("$")) {
            return Path.of(basePath.replace("$account", account == null ? "" : account)).normalize();
        }
        Path base = Path.of(basePath).normalize();
        return account == null || account.isEmpty() ? base : base.resolve(account);
    }

    /**
     * The master file of a scan.
     *
     * @throws IllegalArgumentException naming the offending suffix or directory
     */
    static Path master(Path base, long scanNumber, String fileSuffix, String fileDirectory) {
        return file(base, scanNumber, "master", fileSuffix, fileDirectory);
    }

    static Path file(Path base, long scanNumber, String name, String fileSuffix, String fileDirectory) {
        String suffix = fileSuffix == null || fileSuffix.isEmpty() ? "" : "_" + checked("file_suffix", fileSuffix, NAME);
        checked("file name", name, NAME);
        Path directory;
        if (fileDirectory != null && !fileDirectory.isEmpty()) {
            String trimmed = fileDirectory.replaceAll("^/+|/+$", "");
            checked("file_directory", trimmed, DIRECTORY);
            directory = base.resolve(trimmed).normalize();
        } else {
            long floor = scanNumber / 1000 * 1000;
            directory = base.resolve(String.format(Locale.ROOT, "S%05d-%05d", floor, floor + 999))
                    .resolve(String.format(Locale.ROOT, "S%05d", scanNumber) + suffix);
        }
        if (!directory.normalize().startsWith(base.normalize())) {
            throw new IllegalArgumentException("file_directory '" + fileDirectory + "' leads outside the base path "
                    + base);
        }
        return directory.resolve(String.format(Locale.ROOT, "S%05d_%s%s.h5", scanNumber, name, suffix));
    }

    private static String checked(String what, String value, Pattern allowed) {
        if (!allowed.matcher(value).matches() || value.contains("..")) {
            throw new IllegalArgumentException(what + " '" + value + "' may hold only letters, digits, _ and -"
                    + (allowed == DIRECTORY ? " and /" : ""));
        }
        return value;
    }
}
