using System.Text;

namespace Reconciler.Worker.Alerts;

/// <summary>
/// Values made safe for chat markdown: memos and payer names come from bank files and are hostile input, so they
/// must not open links, mention people or start headings and quotes.
/// </summary>
internal static class ChatText
{
    /// <summary>
    /// For WeCom, DingTalk and Teams markdown: line breaks become spaces; angle brackets (autolinks,
    /// <c>&lt;@user&gt;</c> mentions, <c>&lt;font&gt;</c> tags), <c>@</c> and the <c>]</c> of a link's
    /// <c>](</c> become full-width look-alikes; emphasis and code marks are backslash-escaped.
    /// </summary>
    public static string Markdown(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case ']' when i + 1 < text.Length && text[i + 1] == '(': safe.Append('］'); break;
                case '<': safe.Append('＜'); break;
                case '>': safe.Append('＞'); break;
                case '@': safe.Append('＠'); break;
                case '*' or '_' or '`' or '~' or '#' or '|' or '\\': safe.Append('\\').Append(c); break;
                case var _ when char.IsControl(c): safe.Append(' '); break;
                default: safe.Append(c); break;
            }
        }

        return safe.ToString();
    }

    /// <summary>For Slack mrkdwn: the three characters Slack asks to escape (&amp;, &lt;, &gt;), line breaks as spaces.</summary>
    public static string Slack(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': safe.Append("&amp;"); break;
                case '<': safe.Append("&lt;"); break;
                case '>': safe.Append("&gt;"); break;
                case var _ when char.IsControl(c): safe.Append(' '); break;
                default: safe.Append(c); break;
            }
        }

        return safe.ToString();
    }

    /// <summary>The length of <paramref name="text"/> in UTF-8 bytes (what chat robots' limits count).</summary>
    public static int Bytes(string text) => Encoding.UTF8.GetByteCount(text);

    /// <summary><paramref name="text"/> cut to at most <paramref name="maxBytes"/> UTF-8 bytes (an ellipsis included), never inside a character.</summary>
    public static string Cut(string text, int maxBytes)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Bytes(text) <= maxBytes)
        {
            return text;
        }

        var budget = maxBytes - Bytes("…");
        var used = 0;
        var length = 0;
        while (length < text.Length)
        {
            var width = char.IsHighSurrogate(text[length]) && length + 1 < text.Length ? 2 : 1;
            var bytes = Encoding.UTF8.GetByteCount(text.AsSpan(length, width));
            if (used + bytes > budget)
            {
                break;
            }

            used += bytes;
            length += width;
        }

        return string.Concat(text.AsSpan(0, length), "…");
    }
}
