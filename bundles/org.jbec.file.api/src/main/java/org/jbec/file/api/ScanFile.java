package org.jbec.file.api;

import java.util.List;
import java.util.Map;

/**
 * Everything the writer knows of one finished scan.
 *
 * @param info           the scan status's {@code info} (BEC's scan info), written as metadata
 * @param exitStatus     closed, aborted, halted or user_completed
 * @param startTime      epoch seconds of the {@code open} status
 * @param endTime        epoch seconds of the final status
 * @param pointsArrived  points received from the bundler (≤ {@code numMonitoredReadouts} when stopped)
 * @param monitored      device → signal → values over the points
 * @param async          device → signal → values of asynchronous devices (appended as they came)
 * @param baseline       device → signal → reading
 * @param configuration  device → signal → reading ({@code read_configuration})
 * @param deviceFiles    device → file path announced during the scan (relative to the master file)
 * @param instrument     beamline description for NXinstrument/NXsource (e.g. {@code source_name})
 * @param masterDirectory the folder of the master file, for paths relative to it (part files)
 */
public record ScanFile(String scanId, long scanNumber, long datasetNumber, String scanName, String exitStatus,
        String reason, double startTime, double endTime, long numPoints, long numMonitoredReadouts, int pointsArrived,
        List<String> reportDevices, Map<String, Object> info, Map<String, Object> userMetadata,
        Map<String, Map<String, Column>> monitored, Map<String, Map<String, Column>> async,
        Map<String, Map<String, Reading>> baseline,
        Map<String, Map<String, Reading>> configuration, Map<String, String> deviceFiles,
        Map<String, String> instrument, String programVersion, java.nio.file.Path masterDirectory) {

    public ScanFile {
        reportDevices = List.copyOf(reportDevices);
    }
}
