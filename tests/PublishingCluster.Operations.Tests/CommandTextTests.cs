namespace PublishingCluster.Operations.Tests;

/// <summary>How commands print tables and read durations: the text operators (and scripts reading pbm) see.</summary>
public sealed class CommandTextTests
{
    [Fact]
    public void A_table_pads_each_column_to_its_widest_cell_and_separates_columns_with_pipes()
    {
        var lines = CommandText.Table(["network", "state", "in flight"],
        [
            ["LinkedIn", "sending", "0"],
            ["X", "paused", "12"],
        ]);

        Assert.Equal(
        [
            "network  | state   | in flight",
            "LinkedIn | sending | 0",
            "X        | paused  | 12",
        ], lines);
    }

    [Fact]
    public void A_table_without_rows_is_its_header()
    {
        Assert.Equal(["due | account"], CommandText.Table(["due", "account"], []));
    }

    [Fact]
    public void Missing_and_empty_cells_keep_their_columns()
    {
        var lines = CommandText.Table(["a", "b", "c"], [["1"], ["", "two", ""]]);

        Assert.Equal(["a | b   | c", "1 |     |", "  | two |"], lines);
    }

    [Fact]
    public void Wide_characters_count_as_two_columns_so_the_separators_line_up()
    {
        var lines = CommandText.Table(["title", "status"], [["日本語", "Scheduled"], ["abc", "Draft"]]).ToList();

        Assert.Equal(["title  | status", "日本語 | Scheduled", "abc    | Draft"], lines);
    }

    [Fact]
    public void Cells_are_text_not_markup()
    {
        var lines = CommandText.Table(["roles", "note"], [["[admin]", "[bold]x[/]"]]);

        Assert.Equal(["roles   | note", "[admin] | [bold]x[/]"], lines);
    }

    [Fact]
    public void A_long_row_is_neither_wrapped_nor_cut()
    {
        var title = new string('x', 500);

        var lines = CommandText.Table(["post", "title", "status"], [["post_1", title, "Scheduled"]]).ToList();

        Assert.Equal($"post_1 | {title} | Scheduled", lines[1]);
    }

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("1.5h", 5400)]
    [InlineData("2d", 172800)]
    [InlineData("01:30:00", 5400)]
    public void Durations_read_with_a_unit_or_as_a_time_span(string text, int seconds)
    {
        Assert.True(CommandText.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("5w")]
    [InlineData("-3h")]
    public void Other_durations_are_refused(string text) => Assert.False(CommandText.TryParseDuration(text, out _));

    [Fact]
    public void Enum_names_read_case_insensitively_but_numbers_do_not()
    {
        Assert.True(CommandText.TryParseEnum<DayOfWeek>("monday", out var day));
        Assert.Equal(DayOfWeek.Monday, day);
        Assert.False(CommandText.TryParseEnum<DayOfWeek>("1", out _));
    }

    [Fact]
    public void Suggestions_name_the_closest_commands()
    {
        Assert.Equal(["show"], CommandText.Suggestions("shwo", ["show", "status", "leader", "join"]));
    }
}
