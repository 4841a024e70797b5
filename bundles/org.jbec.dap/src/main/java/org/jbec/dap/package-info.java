/**
 * Data processing of scan data (BEC's DAP service): peak statistics, least-squares fits and the
 * fit-model plugin interface. A beamline bundle adds a model by registering a {@link org.jbec.dap.FitModel}
 * service with the property {@value org.jbec.dap.FitModel#MODEL_PROPERTY}.
 */
@Export
@Version("1.0.0")
package org.jbec.dap;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
