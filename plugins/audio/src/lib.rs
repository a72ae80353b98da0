//! Duration and stream facts of audio and video.
