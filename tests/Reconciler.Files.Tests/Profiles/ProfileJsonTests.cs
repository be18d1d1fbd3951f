using System.Text;

namespace Reconciler.Files.Tests.Profiles;

public class ProfileJsonTests
{
    private static readonly BankProfile Valid = new()
    {
        Name = "test-bank",
        Header = ["Datum", "Betrag", "Soll", "Haben", "Richtung", "Name", "Zweck"],
        Columns = new ProfileColumns { Date = "Datum", Amount = "Betrag", PayerName = "Name", Memo = ["Zweck"] },
    };

    public static TheoryData<string> BuiltInNames() => [.. ProfileCatalog.BuiltIn.Profiles.Select(p => p.Name)];

    private static BankProfile Read(string json, string origin = "test.json") =>
        ProfileJson.Read(new MemoryStream(Encoding.UTF8.GetBytes(json)), origin);

    private static string?[] Roles(ProfileColumns c) =>
        [c.Date, c.Time, c.ValueDate, c.Amount, c.Credit, c.Debit, c.Direction, c.Currency, c.PayerName, c.PayerAccount, c.BankRef];

    private static IReadOnlyList<string> Problems(Func<BankProfile, BankProfile> change) => ProfileJson.Validate(change(Valid));

    [Fact]
    public void BuiltIn_HoldsEveryBankLayoutAndGeneric()
    {
        // Act
        var names = ProfileCatalog.BuiltIn.Profiles.Select(p => p.Name).ToList();

        // Assert
        Assert.Equal(
            ["alipay", "asn-nl", "boc-debit", "ccb", "fineco", "fr-credit-debit", "hsbc-hk", "icbc-debit", "ing-de", "santander-es", "wechat", "generic"],
            names);
        Assert.All(ProfileCatalog.BuiltIn.Profiles, p => Assert.Equal("built-in", p.Origin));
    }

    [Theory]
    [MemberData(nameof(BuiltInNames))]
    public void Validate_BuiltInProfile_HasNoProblems(string name)
    {
        // Arrange
        var profile = ProfileCatalog.BuiltIn.Get(name);

        // Act
        var problems = ProfileJson.Validate(profile);

        // Assert
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(BuiltInNames))]
    public void WriteThenRead_BuiltInProfile_SameProfile(string name)
    {
        // Arrange
        var profile = ProfileCatalog.BuiltIn.Get(name);

        // Act
        var json = ProfileJson.Write(profile);
        var back = Read(json, "copy.json");

        // Assert
        Assert.Equal(json, ProfileJson.Write(back));
        Assert.Equal("copy.json", back.Origin);
        Assert.Equal(profile.Name, back.Name);
        Assert.Equal(profile.Encoding, back.Encoding);
        Assert.Equal(profile.Delimiter, back.Delimiter);
        Assert.Equal(profile.HasHeaderRow, back.HasHeaderRow);
        Assert.Equal(profile.Sheet, back.Sheet);
        Assert.Equal(profile.Header, back.Header);
        Assert.Equal(Roles(profile.Columns), Roles(back.Columns));
        Assert.Equal(profile.Columns.Memo, back.Columns.Memo);
        Assert.Equal(profile.Direction?.Credit, back.Direction?.Credit);
        Assert.Equal(profile.Direction?.Debit, back.Direction?.Debit);
        Assert.Equal(profile.Direction?.Neutral, back.Direction?.Neutral);
        Assert.Equal(profile.DecimalSeparator, back.DecimalSeparator);
        Assert.Equal(profile.DateFormats, back.DateFormats);
        Assert.Equal(profile.DefaultCurrency, back.DefaultCurrency);
        Assert.Equal(profile.SkipRowsStartingWith, back.SkipRowsStartingWith);
        Assert.Equal(profile.NullValues, back.NullValues);
    }

    [Fact]
    public void Write_ChineseAndGermanNames_StayReadable()
    {
        // Arrange
        var profile = ProfileCatalog.BuiltIn.Get("ing-de");

        // Act
        var json = ProfileJson.Write(profile);

        // Assert
        Assert.Contains("\"Auftraggeber/Empfänger\"", json, StringComparison.Ordinal);
        Assert.Contains("\"currency\": \"Währung#2\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("origin", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void WriteThenRead_TabDelimiterAndDirection_RoundTrips()
    {
        // Arrange
        var profile = Valid with
        {
            Delimiter = "\t",
            Columns = Valid.Columns with { Direction = "Richtung" },
            Direction = new DirectionValues { Credit = ["H"], Debit = ["S"], Neutral = ["/"] },
            HeaderRow = 4,
            UnwrapSingleQuotes = true,
        };

        // Act
        var back = Read(ProfileJson.Write(profile));

        // Assert
        Assert.Equal("\t", back.Delimiter);
        Assert.Equal('\t', ProfileJson.DelimiterChar(back.Delimiter));
        Assert.Equal(4, back.HeaderRow);
        Assert.True(back.UnwrapSingleQuotes);
        Assert.Equal(["H"], back.Direction!.Credit);
        Assert.Equal(["/"], back.Direction.Neutral);
    }

    [Fact]
    public void Read_UnknownKey_ThrowsNamingIt()
    {
        // Arrange
        const string json = """{ "name": "x", "colums": { "date": "d", "amount": "a" } }""";

        // Act
        var error = Assert.Throws<ProfileException>(() => Read(json, "x.json"));

        // Assert
        Assert.Contains("colums", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("profile x.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownKeyInColumns_ThrowsNamingIt()
    {
        // Arrange
        const string json = """{ "name": "x", "columns": { "date": "d", "amount": "a", "payer": "p" } }""";

        // Act
        var error = Assert.Throws<ProfileException>(() => Read(json));

        // Assert
        Assert.Contains("payer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CommentsAndTrailingCommas_Accepted()
    {
        // Arrange
        const string json = """
            {
              // a clerk's note
              "name": "x",
              "columns": { "date": "d", "amount": "a", },
            }
            """;

        // Act
        var profile = Read(json);

        // Assert
        Assert.Equal("x", profile.Name);
        Assert.Equal("a", profile.Columns.Amount);
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    [InlineData("{ \"name\": ")]
    public void Read_NotAProfileObject_ThrowsProfileException(string json)
    {
        // Act
        var error = Assert.Throws<ProfileException>(() => Read(json, "bad.json"));

        // Assert
        Assert.StartsWith("profile bad.json: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_InvalidProfile_ThrowsNamingEveryProblem()
    {
        // Arrange
        const string json = """{ "name": "x", "encoding": "ebcdic", "delimiter": ":", "columns": { "amount": "a" } }""";

        // Act
        var error = Assert.Throws<ProfileException>(() => Read(json, "x.json"));

        // Assert
        Assert.Contains("encoding \"ebcdic\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("delimiter \":\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("columns.date is required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "name": "x", "columns": { "date": "d", "amount": "a", "memo": null } }""")]
    [InlineData("""{ "name": "x", "columns": { "date": "d", "amount": "a" }, "skipRowsStartingWith": null }""")]
    [InlineData("""{ "name": "x", "columns": { "date": "d", "amount": "a" }, "nullValues": null }""")]
    [InlineData("""{ "name": "x", "columns": { "date": "d", "amount": "a", "direction": "r" }, "direction": { "credit": null, "debit": ["S"] } }""")]
    public void Read_NullList_RefusedAsAProfileProblemOrReadsLikeEmpty(string json)
    {
        // Arrange: a clerk who blanks a list with null must get a message about the profile, not a crash while reading.
        var csv = "d,a,r\n2026-03-02,5.00,S\nTotal,5.00,\n"u8.ToArray();

        // Act
        var error = Record.Exception(() =>
        {
            var profile = Read(json, "null.json");
            StatementReader.Read(new MemoryStream(csv), "a.csv", profile);
        });

        // Assert
        Assert.True(error is null or ProfileException or InputFormatException, error?.GetType().Name + ": " + error?.Message);
    }

    [Fact]
    public void Validate_ValidProfile_NoProblems()
    {
        // Act
        var problems = ProfileJson.Validate(Valid);

        // Assert
        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_StatusColumnWithoutNotBookedValues_SaysItNeedsThem()
    {
        // Act
        var problems = Problems(p => p with { Header = null, Columns = p.Columns with { Status = "Status" } });

        // Assert
        var problem = Assert.Single(problems);
        Assert.StartsWith("columns.status needs notBooked values", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NotBookedValuesWithoutStatusColumn_SaysTheColumnIsMissing()
    {
        // Act
        var problems = Problems(p => p with { NotBooked = ["pending"] });

        // Assert
        Assert.Equal(["notBooked values are given but columns.status is not"], problems);
    }

    [Fact]
    public void Validate_NoDateColumn_SaysDateIsRequired()
    {
        // Act
        var problems = Problems(p => p with { Columns = p.Columns with { Date = null } });

        // Assert
        Assert.Equal(["columns.date is required"], problems);
    }

    [Fact]
    public void Validate_AmountAndCreditDebit_SaysNotBoth()
    {
        // Act
        var problems = Problems(p => p with { Columns = p.Columns with { Credit = "Haben", Debit = "Soll" } });

        // Assert
        var problem = Assert.Single(problems);
        Assert.Contains("either as columns.amount or as columns.credit and columns.debit, not both", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NoAmountAtAll_SaysNotNeither()
    {
        // Act
        var problems = Problems(p => p with { Columns = p.Columns with { Amount = null } });

        // Assert
        var problem = Assert.Single(problems);
        Assert.Contains("not neither", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CreditWithoutDebit_SaysTheyGoTogether()
    {
        // Act
        var problems = Problems(p => p with { Columns = p.Columns with { Amount = null, Credit = "Haben" } });

        // Assert
        Assert.Equal(["columns.credit and columns.debit go together"], problems);
    }

    [Fact]
    public void Validate_DirectionColumnWithoutValues_SaysValuesAreNeeded()
    {
        // Act
        var none = Problems(p => p with { Columns = p.Columns with { Direction = "Richtung" } });
        var noDebit = Problems(p => p with { Columns = p.Columns with { Direction = "Richtung" }, Direction = new DirectionValues { Credit = ["H"] } });

        // Assert
        Assert.Equal(["columns.direction needs direction.credit and direction.debit values (such as 收入 and 支出)"], none);
        Assert.Equal(none, noDebit);
    }

    [Fact]
    public void Validate_DirectionColumnWithSplitAmounts_SaysItNeedsAmount()
    {
        // Act
        var problems = Problems(p => p with
        {
            Columns = p.Columns with { Amount = null, Credit = "Haben", Debit = "Soll", Direction = "Richtung" },
            Direction = new DirectionValues { Credit = ["H"], Debit = ["S"] },
        });

        // Assert
        Assert.Equal(["columns.direction needs columns.amount"], problems);
    }

    [Fact]
    public void Validate_DirectionValuesWithoutColumn_SaysColumnIsMissing()
    {
        // Act
        var problems = Problems(p => p with { Direction = new DirectionValues { Credit = ["H"], Debit = ["S"] } });

        // Assert
        Assert.Equal(["direction values are given but columns.direction is not"], problems);
    }

    [Fact]
    public void Validate_UnknownEncoding_NamesTheChoices()
    {
        // Act
        var problems = Problems(p => p with { Encoding = "ebcdic" });

        // Assert
        var problem = Assert.Single(problems);
        Assert.StartsWith("encoding \"ebcdic\" is not one of utf-8, gb18030", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(":")]
    [InlineData(",,")]
    [InlineData("")]
    [InlineData(" ")]
    public void Validate_BadDelimiter_NamesTheChoices(string delimiter)
    {
        // Act
        var problems = Problems(p => p with { Delimiter = delimiter });

        // Assert
        var problem = Assert.Single(problems);
        Assert.Equal($"delimiter \"{delimiter}\" is not one of \",\" \";\" \"\\t\" \"|\"", problem);
    }

    [Theory]
    [InlineData(",", ',')]
    [InlineData(";", ';')]
    [InlineData("|", '|')]
    [InlineData("\t", '\t')]
    [InlineData("\\t", '\t')]
    [InlineData("tab", '\t')]
    public void DelimiterChar_EveryAcceptedSpelling_GivesTheCharacter(string delimiter, char expected)
    {
        // Act
        var c = ProfileJson.DelimiterChar(delimiter);

        // Assert
        Assert.Equal(expected, c);
        Assert.Empty(Problems(p => p with { Delimiter = delimiter }));
    }

    [Fact]
    public void Validate_NoHeaderRowAndNoHeader_SaysNameTheColumns()
    {
        // Act
        var problems = Problems(p => p with { HasHeaderRow = false, Header = null });

        // Assert
        Assert.Equal(["a profile with hasHeaderRow false must name the columns by position in header"], problems);
    }

    [Fact]
    public void Validate_RoleColumnNotInHeader_NamesIt()
    {
        // Act
        var problems = Problems(p => p with { Columns = p.Columns with { PayerAccount = "IBAN", Memo = ["Zweck", "Text"] } });

        // Assert
        Assert.Equal(["column \"IBAN\" is not in header", "column \"Text\" is not in header"], problems);
    }

    [Fact]
    public void Validate_NumberedColumnOfHeaderName_IsInHeader()
    {
        // Act
        var problems = Problems(p => p with { Columns = p.Columns with { PayerName = "name#2" } });

        // Assert
        Assert.Empty(problems);
    }

    [Fact]
    public void Validate_OtherFields_EachNamed()
    {
        // Act
        var problems = Problems(p => p with { Name = " ", DecimalSeparator = "'", DateFormats = [], DefaultCurrency = "EURO", HeaderRow = 0 });

        // Assert
        Assert.Equal(5, problems.Count);
        Assert.Contains("name is empty", problems);
        Assert.Contains(problems, m => m.StartsWith("decimalSeparator \"'\"", StringComparison.Ordinal));
        Assert.Contains(problems, m => m.StartsWith("dateFormats needs at least one format", StringComparison.Ordinal));
        Assert.Contains(problems, m => m.StartsWith("defaultCurrency \"EURO\"", StringComparison.Ordinal));
        Assert.Contains("headerRow 0 must be 1 or more", problems);
    }
}
