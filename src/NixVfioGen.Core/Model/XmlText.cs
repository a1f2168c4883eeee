namespace NixVfioGen.Model;

/// <summary>
/// Whether text can be carried by XML 1.0 (the domain, autounattend.xml) and by the PowerShell
/// script file written beside it: no lone surrogates, no U+FFFE/U+FFFF, no C0 control characters
/// other than tab, CR and LF (XML 1.0 §2.2 "Char"). Values that fail are refused as input, because
/// the writers could only throw on them later.
/// </summary>
public static class XmlText
{
    /// <summary>True when every character, surrogate pairs included, is one XML 1.0 allows.</summary>
    public static bool IsValid(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }
            if (!System.Xml.XmlConvert.IsXmlChar(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
