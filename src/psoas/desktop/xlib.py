"""The few Xlib and XScreenSaver calls the X11 probe needs, bound with ctypes.

ctypes rather than a Python X library: libX11 and libXss are on every X11 desktop already, and a
binding would be a new dependency and more resident memory for four calls a minute.

Xlib's default handlers end the process on any protocol error (a window closed between two calls)
and on a lost connection (the X server went away). A reminder loop must outlive both, so this
module installs handlers that only record what happened; the caller checks ``Xlib.failed``.
"""

import ctypes
import ctypes.util
import weakref
from ctypes import POINTER, Structure, c_char_p, c_int, c_long, c_ubyte, c_ulong, c_void_p

# Xlib's names for its integer types.
Atom = c_ulong
Window = c_ulong
DisplayPointer = c_void_p
SUCCESS = 0
ANY_PROPERTY_TYPE = 0
# XScreenSaverInfo.state: the screen is blanked by the screen saver (a locker usually blanks it).
SCREEN_SAVER_ON = 1


class XScreenSaverInfo(Structure):
    _fields_ = (
        ("window", Window),
        ("state", c_int),
        ("kind", c_int),
        ("til_or_since", c_ulong),
        ("idle", c_ulong),
        ("event_mask", c_ulong),
    )


_ERROR_HANDLER = ctypes.CFUNCTYPE(c_int, c_void_p, c_void_p)
_IO_ERROR_HANDLER = ctypes.CFUNCTYPE(c_int, c_void_p)
_IO_ERROR_EXIT_HANDLER = ctypes.CFUNCTYPE(None, c_void_p, c_void_p)

# Xlib's error handlers are process-wide and receive the display; they find its Xlib here. The
# callbacks live at module level because Xlib keeps calling them after any one display closes.
_open: "weakref.WeakValueDictionary[int, Xlib]" = weakref.WeakValueDictionary()


def _record_error(display: int | None, _event: int | None) -> int:
    if (xlib := _open.get(display or 0)) is not None:
        xlib.last_error = True
    return 0


def _record_io_error(display: int | None) -> int:
    if (xlib := _open.get(display or 0)) is not None:
        xlib.failed = True
    return 0


def _record_io_exit(display: int | None, _data: int | None) -> None:
    _record_io_error(display)


_ON_ERROR = _ERROR_HANDLER(_record_error)
_ON_IO_ERROR = _IO_ERROR_HANDLER(_record_io_error)
_ON_IO_EXIT = _IO_ERROR_EXIT_HANDLER(_record_io_exit)


class XlibUnavailableError(Exception):
    """libX11 or libXss cannot be loaded, or the display cannot be opened."""


class Xlib:
    """One open display with the functions typed; ``failed`` turns True once anything went wrong."""

    def __init__(self, display_name: str) -> None:
        x11_path = ctypes.util.find_library("X11")
        xss_path = ctypes.util.find_library("Xss")
        if x11_path is None or xss_path is None:
            missing = " and ".join(
                n for n, p in (("libX11", x11_path), ("libXss", xss_path)) if not p
            )
            raise XlibUnavailableError(f"{missing} is not installed")
        self.x11 = ctypes.CDLL(x11_path)
        self.xss = ctypes.CDLL(xss_path)
        self._declare()
        self.failed = False
        self.last_error = False
        self.x11.XSetErrorHandler(_ON_ERROR)
        self.x11.XSetIOErrorHandler(_ON_IO_ERROR)
        self.display: int | None = self.x11.XOpenDisplay(display_name.encode())
        if not self.display:
            raise XlibUnavailableError(f"the X display {display_name} cannot be opened")
        _open[self.display] = self
        # libX11 1.7 and later can be told not to exit on a lost connection. Older ones still
        # exit, which on a lost X server means the session ended, and the reminders with it.
        if hasattr(self.x11, "XSetIOErrorExitHandler"):
            self.x11.XSetIOErrorExitHandler(self.display, _ON_IO_EXIT, None)
        self.root = self.x11.XDefaultRootWindow(self.display)

    def _declare(self) -> None:
        x11, xss = self.x11, self.xss
        x11.XOpenDisplay.argtypes = (c_char_p,)
        x11.XOpenDisplay.restype = DisplayPointer
        x11.XCloseDisplay.argtypes = (DisplayPointer,)
        x11.XDefaultRootWindow.argtypes = (DisplayPointer,)
        x11.XDefaultRootWindow.restype = Window
        x11.XSetErrorHandler.argtypes = (_ERROR_HANDLER,)
        x11.XSetErrorHandler.restype = c_void_p
        x11.XSetIOErrorHandler.argtypes = (_IO_ERROR_HANDLER,)
        x11.XSetIOErrorHandler.restype = c_void_p
        if hasattr(x11, "XSetIOErrorExitHandler"):
            x11.XSetIOErrorExitHandler.argtypes = (DisplayPointer, _IO_ERROR_EXIT_HANDLER, c_void_p)
            x11.XSetIOErrorExitHandler.restype = None
        x11.XFree.argtypes = (c_void_p,)
        x11.XInternAtom.argtypes = (DisplayPointer, c_char_p, c_int)
        x11.XInternAtom.restype = Atom
        x11.XGetWindowProperty.argtypes = (
            DisplayPointer,
            Window,
            Atom,
            c_long,
            c_long,
            c_int,
            Atom,
            POINTER(Atom),
            POINTER(c_int),
            POINTER(c_ulong),
            POINTER(c_ulong),
            POINTER(POINTER(c_ubyte)),
        )
        xss.XScreenSaverQueryExtension.argtypes = (DisplayPointer, POINTER(c_int), POINTER(c_int))
        xss.XScreenSaverQueryInfo.argtypes = (DisplayPointer, Window, POINTER(XScreenSaverInfo))

    def has_screen_saver_extension(self) -> bool:
        event_base, error_base = c_int(), c_int()
        found = self.xss.XScreenSaverQueryExtension(
            self.display, ctypes.byref(event_base), ctypes.byref(error_base)
        )
        return bool(found)

    @property
    def usable(self) -> bool:
        """False once closed or disconnected: calling Xlib then would touch freed memory."""
        return bool(self.display) and not self.failed

    def screen_saver_info(self) -> XScreenSaverInfo | None:
        if not self.usable:
            return None
        info = XScreenSaverInfo()
        status = self.xss.XScreenSaverQueryInfo(self.display, self.root, ctypes.byref(info))
        return info if status and not self.failed else None

    def atom(self, name: str) -> int:
        """The atom for a name, or 0 when no client has created it yet (nothing can have it)."""
        if not self.usable:
            return 0
        return int(self.x11.XInternAtom(self.display, name.encode(), 1))

    def window_property_32(self, window: int, property_atom: int) -> tuple[int, ...] | None:
        """A format-32 property as integers (window ids, atoms); None when absent or failed."""
        if not self.usable:
            return None
        actual_type, actual_format = Atom(), c_int()
        count, bytes_after = c_ulong(), c_ulong()
        data = POINTER(c_ubyte)()
        self.last_error = False
        status = self.x11.XGetWindowProperty(
            self.display,
            window,
            property_atom,
            0,
            64,  # in 32-bit units: ample for a window id or a window's state atoms
            0,
            ANY_PROPERTY_TYPE,
            ctypes.byref(actual_type),
            ctypes.byref(actual_format),
            ctypes.byref(count),
            ctypes.byref(bytes_after),
            ctypes.byref(data),
        )
        try:
            if status != SUCCESS or self.last_error or actual_format.value != 32 or not data:
                return None
            # Xlib hands back format-32 items as C longs, whatever the width of long.
            items = ctypes.cast(data, POINTER(c_ulong))
            return tuple(int(items[i]) for i in range(count.value))
        finally:
            if data:
                self.x11.XFree(data)

    def close(self) -> None:
        # After a lost connection the display is half torn down; closing it would fail again.
        if self.display and not self.failed:
            self.x11.XCloseDisplay(self.display)
        if self.display:
            _open.pop(self.display, None)
        self.display = None
