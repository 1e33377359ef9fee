using System.Globalization;
using System.Text;

namespace Connector.Storage;

public static class TableKeys
{
    /// <summary>Table keys may not hold / \ # ? or control characters; those (and %) become %XX, so distinct texts stay distinct.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c))
            {
                builder.Append('%').Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
