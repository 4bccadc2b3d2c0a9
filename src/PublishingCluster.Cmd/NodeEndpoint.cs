using System.Globalization;

namespace PublishingCluster.Cmd;

/// <summary>Where the node's command endpoint is: <c>host:port</c>, <c>[v6]:port</c>, or a host alone (port 9110).</summary>
public sealed record NodeEndpoint(string Host, int Port)
{
    public const int DefaultPort = 9110;

    public static bool TryParse(string text, out NodeEndpoint endpoint)
    {
        endpoint = null!;
        if (string.IsNullOrWhiteSpace(text) || text.StartsWith('-') || text.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        string host;
        string? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            if (close + 1 < text.Length)
            {
                if (text[close + 1] != ':')
                {
                    return false;
                }

                port = text[(close + 2)..];
            }
        }
        else
        {
            var colon = text.LastIndexOf(':');
            host = colon < 0 ? text : text[..colon];
            port = colon < 0 ? null : text[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            return false;
        }

        var number = DefaultPort;
        if (port is not null && (!int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out number) || number is < 1 or > 65535))
        {
            return false;
        }

        endpoint = new NodeEndpoint(host, number);
        return true;
    }

    public override string ToString() => Host.Contains(':', StringComparison.Ordinal) ? $"[{Host}]:{Port}" : $"{Host}:{Port}";
}
