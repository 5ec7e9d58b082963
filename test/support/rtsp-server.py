#!/usr/bin/python3
"""RTSP test camera for the frame-source tests (GStreamer RTSP server on 127.0.0.1).

Usage: rtsp-server.py PORT MOUNT=SPEC [MOUNT=SPEC ...]
  SPEC is one of
    file:PATH                  an H.264 MP4, paced in real time by the server (one pipeline per client)
    shared:PATH                the same, one pipeline for all clients: a later client joins mid-stream,
                               between keyframes, as with a real camera
    nosprop:PATH               shared too, with no H.264 parameters in the SDP (as some cameras send):
                               a client finds them in the stream, at the next keyframe
    auth:USER:PASSWORD:PATH    the same, behind HTTP basic auth (a wrong password gets 401)
    live:GOP_SECONDS           a live camera: scrolling colour bars (1280x720, 25 fps) encoded by x264 as it
                               plays, a keyframe every GOP_SECONDS, one shared session for all clients;
                               a joining client makes the server seek, which restarts the encoder on a
                               keyframe (as cameras that start each session on a keyframe)
    audio                      a live audio-only stream (no video track)
Protected mounts live on a second server on another port: GstRtspServer answers 404 (not 401) to
clients whose default role may not see a mount, so open and protected mounts cannot share one.
Prints "READY <port> <auth port>" on stdout once both listen.
"""
import sys

import gi

gi.require_version('Gst', '1.0')
gi.require_version('GstRtspServer', '1.0')
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402


def file_launch(path):
    # config-interval=1 repeats SPS/PPS so a client joining at any time can decode.
    return ('( filesrc location="%s" ! qtdemux ! h264parse ! '
            'rtph264pay name=pay0 pt=96 config-interval=1 )' % path)


def bare_sdp_launch(path):
    # An empty sprop-parameter-sets in the SDP: the client finds SPS/PPS only in the stream.
    return ('( filesrc location="%s" ! qtdemux ! h264parse ! rtph264pay config-interval=1 ! '
            'capssetter join=true caps="application/x-rtp,sprop-parameter-sets=(string)\\"\\"" ! '
            'identity name=pay0 )' % path)


def live_launch(gop_seconds):
    # A camera's encoder: real time, no B-frames, no lookahead, parameter sets with every keyframe.
    # The colour bars scroll every frame, so a frame decoded without its keyframe comes out smeared grey.
    fps = 25
    return ('( videotestsrc is-live=true pattern=smpte horizontal-speed=4 ! '
            'video/x-raw,width=1280,height=720,framerate=%d/1 ! '
            'x264enc tune=zerolatency speed-preset=ultrafast bframes=0 key-int-max=%d ! '
            'video/x-h264,profile=constrained-baseline ! h264parse ! '
            'rtph264pay name=pay0 pt=96 config-interval=1 )' % (fps, int(float(gop_seconds) * fps)))


AUDIO_LAUNCH = ('( audiotestsrc is-live=true wave=sine ! audioconvert ! audioresample ! '
                'audio/x-raw,rate=8000,channels=1 ! alawenc ! rtppcmapay name=pay0 pt=8 )')


def role(name):
    return Gst.Structure.new_from_string(
        '%s, media.factory.access=(boolean)true, media.factory.construct=(boolean)true' % name)


def server_on(port):
    server = GstRtspServer.RTSPServer()
    server.set_address('127.0.0.1')
    server.set_service(port)
    return server


def main():
    Gst.init(None)
    port = sys.argv[1]
    server = server_on(port)
    # Port 0 picks a free port; the second server must differ from the first anyway.
    auth_server = server_on('0')
    auth = GstRtspServer.RTSPAuth()

    for spec in sys.argv[2:]:
        mount, _, what = spec.partition('=')
        factory = GstRtspServer.RTSPMediaFactory()
        if what.startswith('file:'):
            factory.set_launch(file_launch(what[len('file:'):]))
            server.get_mount_points().add_factory(mount, factory)
        elif what.startswith('nosprop:'):
            factory.set_launch(bare_sdp_launch(what[len('nosprop:'):]))
            factory.set_shared(True)
            server.get_mount_points().add_factory(mount, factory)
        elif what.startswith('shared:'):
            factory.set_launch(file_launch(what[len('shared:'):]))
            factory.set_shared(True)
            server.get_mount_points().add_factory(mount, factory)
        elif what.startswith('auth:'):
            user, password, path = what[len('auth:'):].split(':', 2)
            factory.set_launch(file_launch(path))
            token = GstRtspServer.RTSPToken()
            token.set_string('media.factory.role', user)
            auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
            factory.add_role_from_structure(role(user))
            auth_server.get_mount_points().add_factory(mount, factory)
        elif what.startswith('live:'):
            factory.set_launch(live_launch(what[len('live:'):]))
            factory.set_shared(True)
            server.get_mount_points().add_factory(mount, factory)
        elif what == 'audio':
            factory.set_launch(AUDIO_LAUNCH)
            server.get_mount_points().add_factory(mount, factory)
        else:
            sys.exit('unknown mount spec: %s' % spec)
    auth_server.set_auth(auth)

    if server.attach(None) == 0 or auth_server.attach(None) == 0:
        sys.exit('cannot listen on port %s' % port)
    print('READY %s %s' % (server.get_bound_port(), auth_server.get_bound_port()), flush=True)
    GLib.MainLoop().run()


main()
