package org.jbec.shell.internal;

import java.nio.file.Path;
import java.util.List;

import org.osgi.framework.VersionRange;

/**
 * What one host of a deployment descriptor ({@code config/deployment.yaml}) must run: the bundles with
 * their versions and where each comes from, and the configuration files the host uses.
 *
 * @param file           the descriptor as given
 * @param sha256         hash of the descriptor's bytes, for the history
 * @param host           the host this is for
 * @param bundles        the bundles listed for the host (common ones first, then the host's own)
 * @param absent         bundles that must not run on the host ({@code name: absent}), runtime ones included
 * @param serversConfig  the servers configuration the host uses, or null when not given
 * @param deviceSession  the device session the host uses, or null when not given
 */
record DeploymentDescriptor(String file, String sha256, String host, List<Entry> bundles, List<String> absent,
        Path serversConfig, Path deviceSession) {

    DeploymentDescriptor {
        bundles = List.copyOf(bundles);
        absent = List.copyOf(absent);
    }

    /** Where a bundle's jar comes from. */
    sealed interface Source {
        /** The Maven repository layout {@code group/artifact/version/artifact-version.jar}, artifact = symbolic name. */
        record Maven(Path repository, String groupId) implements Source {
            @Override
            public String toString() {
                return "Maven repository " + repository + " (" + groupId + ")";
            }
        }

        /** Every jar in a folder, recognised by its manifest. */
        record Folder(Path folder) implements Source {
            @Override
            public String toString() {
                return "folder " + folder;
            }
        }

        /** One jar. */
        record Jar(Path file) implements Source {
            @Override
            public String toString() {
                return "file " + file;
            }
        }
    }

    /**
     * One bundle entry.
     *
     * @param symbolicName the bundle's symbolic name
     * @param version      as written: an exact version ({@code 1.2.0}) or a range ({@code [1.2,2)})
     * @param range        the versions that qualify (an exact version is the range [v,v])
     * @param source       where to look for it
     * @param line         where the entry stands in the descriptor
     * @param column       its column
     */
    record Entry(String symbolicName, String version, VersionRange range, Source source, int line, int column) {
    }
}
