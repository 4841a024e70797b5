package org.jbec.file.api;

import java.util.Map;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A plugin's addition to the default NeXus file: a group under {@code /entry} (its NX class and
 * content), so a beamline adds its own metadata without writing a file format. Content values are
 * written as the writer writes metadata: mappings as groups, numbers and text as datasets, lists as
 * arrays. A contribution that throws is skipped with a warning; the file is still written.
 */
@ConsumerType
public interface NexusContribution {

    /** The group's name under {@code /entry} (not one of the layout's own: collection, data, …). */
    String group();

    /** Its NX_class, e.g. {@code NXcollection}, {@code NXslit}. */
    String nxClass();

    /** What to write for this scan. */
    Map<String, Object> content(ScanFile scan);
}
