from psoas.web.login_throttle import LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_failures_past_the_limit_wait_for_the_window_to_slide() -> None:
    clock = Clock()
    throttle = LoginThrottle(failures_allowed=2, window_s=60, clock=clock)
    assert throttle.retry_after_s("ip", "user") == 0
    throttle.failed("ip", "user")
    clock.now += 10
    throttle.failed("ip", "user")
    assert throttle.retry_after_s("ip") == 50  # the first failure leaves the window at +60
    assert throttle.retry_after_s("other-ip", "user") == 50  # the username is limited too
    assert throttle.retry_after_s("other-ip", "other-user") == 0
    clock.now += 50
    assert throttle.retry_after_s("ip", "user") == 0


def test_a_success_clears_the_count() -> None:
    clock = Clock()
    throttle = LoginThrottle(failures_allowed=1, window_s=60, clock=clock)
    throttle.failed("ip")
    assert throttle.retry_after_s("ip") > 0
    throttle.succeeded("ip")
    assert throttle.retry_after_s("ip") == 0
