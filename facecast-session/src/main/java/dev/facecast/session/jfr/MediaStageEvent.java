package dev.facecast.session.jfr;

import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;

/**
 * Base of the JFR events of a session's media stages, so a profiler shows where a media
 * thread's time goes per session. Disabled (and free) unless a recording enables them.
 */
@Category({"Facecast", "Media"})
abstract class MediaStageEvent extends Event {

    @Label("Session")
    String sessionId;
}
