namespace PublishingCluster.Actors.Clocks;

/// <summary>
/// The node's clock when it does not follow the wall: virtual time that stands still until moved
/// (<see cref="Advance"/>, <see cref="SetUtcNow"/>) or runs at <see cref="Speed"/> times real time (60: an hour a
/// minute). Coordinators and the HTTP edge read it as they read real time, so the same actors play months in
/// minutes. Virtual time never goes backwards. Safe to use from any thread.
/// </summary>
public sealed class VirtualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _real;
    private DateTimeOffset _anchorVirtual;
    private long _anchorReal;
    private double _speed;

    public VirtualClock(DateTimeOffset start, double speed = 0, TimeProvider? real = null)
    {
        _real = real ?? System;
        _anchorVirtual = start.ToUniversalTime();
        _anchorReal = _real.GetTimestamp();
        _speed = ValidSpeed(speed);
    }

    /// <summary>Virtual seconds per real second; 0 stands still.</summary>
    public double Speed
    {
        get
        {
            lock (_gate)
            {
                return _speed;
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return NowLocked();
        }
    }

    /// <summary>Moves virtual time on by <paramref name="by"/> (at once, whatever the speed).</summary>
    public DateTimeOffset Advance(TimeSpan by)
    {
        if (by < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(by), by, "Virtual time does not go backwards.");
        }

        lock (_gate)
        {
            Rebase(NowLocked() + by);
            return _anchorVirtual;
        }
    }

    /// <summary>Sets virtual time to <paramref name="now"/>, which must not be earlier than it is.</summary>
    public void SetUtcNow(DateTimeOffset now)
    {
        lock (_gate)
        {
            var current = NowLocked();
            if (now < current)
            {
                throw new ArgumentOutOfRangeException(nameof(now), now, $"Virtual time does not go backwards (it is {current:O}).");
            }

            Rebase(now.ToUniversalTime());
        }
    }

    /// <summary>Moves virtual time on to <paramref name="target"/>, or leaves it where it is if it is there already.</summary>
    public DateTimeOffset AdvanceTo(DateTimeOffset target)
    {
        lock (_gate)
        {
            var current = NowLocked();
            if (target > current)
            {
                Rebase(target.ToUniversalTime());
            }

            return NowLocked();
        }
    }

    /// <summary>From now on, run at <paramref name="speed"/> times real time (0: stand still).</summary>
    public void SetSpeed(double speed)
    {
        lock (_gate)
        {
            Rebase(NowLocked());
            _speed = ValidSpeed(speed);
        }
    }

    private DateTimeOffset NowLocked() =>
        _speed == 0 ? _anchorVirtual : _anchorVirtual + (_real.GetElapsedTime(_anchorReal) * _speed);

    private void Rebase(DateTimeOffset now)
    {
        _anchorVirtual = now;
        _anchorReal = _real.GetTimestamp();
    }

    /// <summary>Whether <paramref name="speed"/> is a speed a virtual clock runs at: 0 (still) to 1,000,000.</summary>
    public static bool IsValidSpeed(double speed) => speed is >= 0 and <= 1_000_000 && !double.IsNaN(speed);

    private static double ValidSpeed(double speed) =>
        IsValidSpeed(speed)
            ? speed
            : throw new ArgumentOutOfRangeException(nameof(speed), speed, "Speed is a factor between 0 (stand still) and 1,000,000.");
}
