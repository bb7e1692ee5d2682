package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/url"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"
)

// Config is every setting of Seimbang, from flags and SEIMBANG_* variables
// (a flag wins over its variable). Secrets are masked when printed.
type Config struct {
	HTTPAddr        string
	DBDriver        string
	DBDSN           string
	RedisURL        string
	TelegramToken   string
	TelegramAPIURL  string
	TelegramMode    string
	TelegramRate    float64
	WebhookSecret   string
	BaseURL         string
	TimeZone        *time.Location
	SurveyWaves     []time.Duration
	RemindEvery     time.Duration
	MaxReminders    int
	SurveyExpire    time.Duration
	WorkHours       WorkHours
	SchedulerTick   time.Duration
	LogLevel        string
	ShutdownTimeout time.Duration
	// EffectiveMinutes is the ABK effective working time per year.
	EffectiveMinutes float64
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client (IPs or CIDRs); empty trusts none.
	TrustedProxies []string
	// DecreePlace is where decrees are signed (the regency's seat), named
	// in the signature block of the decree attachment.
	DecreePlace string
}

// WorkHours is a daily window in local time; the zero value means any time.
type WorkHours struct {
	Start, End time.Duration // since midnight
}

// Any reports whether every time of day is allowed.
func (w WorkHours) Any() bool { return w == WorkHours{} }

// option is one setting: its flag, its variable, its default and how to
// parse it into a Config.
type option struct {
	flag, env, def, help string
	secret               bool
	set                  func(c *Config, v string) error
}

var options = []option{
	{"http-addr", "SEIMBANG_HTTP_ADDR", ":8080", "address the panel listens on", false, func(c *Config, v string) error {
		if _, _, err := net.SplitHostPort(v); err != nil {
			return errors.New("expected host:port such as :8080")
		}
		c.HTTPAddr = v
		return nil
	}},
	{"db-driver", "SEIMBANG_DB_DRIVER", "sqlite", "database: sqlite or mysql", false, func(c *Config, v string) error {
		if v != "sqlite" && v != "mysql" {
			return fmt.Errorf("unknown driver %q (use sqlite or mysql)", v)
		}
		c.DBDriver = v
		return nil
	}},
	{"db-dsn", "SEIMBANG_DB_DSN", "seimbang.db", "SQLite file, or MySQL DSN user:pass@tcp(host:3306)/db", true, func(c *Config, v string) error {
		if strings.TrimSpace(v) == "" {
			return errors.New("empty")
		}
		c.DBDSN = v
		return nil
	}},
	{"redis-url", "SEIMBANG_REDIS_URL", "", "redis://host:6379/0; empty runs an embedded Redis", true, func(c *Config, v string) error {
		if v != "" && !strings.HasPrefix(v, "redis://") && !strings.HasPrefix(v, "rediss://") {
			return errors.New("expected redis://host:6379/0")
		}
		c.RedisURL = v
		return nil
	}},
	{"telegram-token", "SEIMBANG_TELEGRAM_TOKEN", "", "bot token from BotFather; empty turns the bot off", true, func(c *Config, v string) error {
		if v != "" && !strings.Contains(v, ":") {
			return errors.New("a bot token looks like 123456:ABC-DEF")
		}
		c.TelegramToken = v
		return nil
	}},
	{"telegram-api-url", "SEIMBANG_TELEGRAM_API_URL", "https://api.telegram.org", "Bot API server", false, func(c *Config, v string) error {
		u, err := url.Parse(v)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return errors.New("expected an http(s) URL")
		}
		c.TelegramAPIURL = strings.TrimRight(v, "/")
		return nil
	}},
	{"telegram-mode", "SEIMBANG_TELEGRAM_MODE", "polling", "polling, webhook or off", false, func(c *Config, v string) error {
		switch v {
		case "polling", "webhook", "off":
			c.TelegramMode = v
			return nil
		}
		return fmt.Errorf("unknown mode %q (use polling, webhook or off)", v)
	}},
	{"telegram-rate", "SEIMBANG_TELEGRAM_RATE", "25", "messages per second, shared by all instances", false, func(c *Config, v string) error {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f > 30 {
			return errors.New("expected a number above 0 and at most 30 (Telegram's limit)")
		}
		c.TelegramRate = f
		return nil
	}},
	{"webhook-secret", "SEIMBANG_WEBHOOK_SECRET", "", "secret Telegram sends with webhook updates", true, func(c *Config, v string) error {
		for _, r := range v {
			if !(r == '_' || r == '-' || (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')) {
				return errors.New("only letters, digits, _ and - are allowed (Telegram's rule)")
			}
		}
		if len(v) > 256 {
			return errors.New("at most 256 characters")
		}
		c.WebhookSecret = v
		return nil
	}},
	{"base-url", "SEIMBANG_BASE_URL", "", "public URL of the panel, e.g. https://seimbang.example.go.id", false, func(c *Config, v string) error {
		if v != "" {
			u, err := url.Parse(v)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return errors.New("expected an http(s) URL")
			}
		}
		c.BaseURL = strings.TrimRight(v, "/")
		return nil
	}},
	{"timezone", "SEIMBANG_TIMEZONE", "Asia/Jakarta", "default time zone of the regency", false, func(c *Config, v string) error {
		loc, err := time.LoadLocation(v)
		if err != nil {
			return fmt.Errorf("unknown time zone %q", v)
		}
		c.TimeZone = loc
		return nil
	}},
	{"survey-waves", "SEIMBANG_SURVEY_WAVES", "720h,2160h", "survey waves after the effective date", false, func(c *Config, v string) error {
		c.SurveyWaves = nil
		for _, p := range strings.Split(v, ",") {
			d, err := positiveDuration(strings.TrimSpace(p))
			if err != nil {
				return err
			}
			c.SurveyWaves = append(c.SurveyWaves, d)
		}
		return nil
	}},
	{"survey-remind-every", "SEIMBANG_SURVEY_REMIND_EVERY", "72h", "time between survey reminders", false, func(c *Config, v string) (err error) {
		c.RemindEvery, err = positiveDuration(v)
		return err
	}},
	{"survey-max-reminders", "SEIMBANG_SURVEY_MAX_REMINDERS", "3", "reminders per survey at most", false, func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 20 {
			return errors.New("expected a whole number from 0 to 20")
		}
		c.MaxReminders = n
		return nil
	}},
	{"survey-expire-after", "SEIMBANG_SURVEY_EXPIRE_AFTER", "336h", "a survey wave closes this long after its invitation", false, func(c *Config, v string) (err error) {
		c.SurveyExpire, err = positiveDuration(v)
		return err
	}},
	{"work-hours", "SEIMBANG_WORK_HOURS", "08:00-16:00", "when reminders may be sent, in the employee's zone; empty for any time", false, func(c *Config, v string) (err error) {
		c.WorkHours, err = parseWorkHours(v)
		return err
	}},
	{"scheduler-tick", "SEIMBANG_SCHEDULER_TICK", "1m", "how often the scheduler looks for due work", false, func(c *Config, v string) (err error) {
		c.SchedulerTick, err = positiveDuration(v)
		return err
	}},
	{"log-level", "SEIMBANG_LOG_LEVEL", "info", "debug, info, warn or error", false, func(c *Config, v string) error {
		switch v {
		case "debug", "info", "warn", "error":
			c.LogLevel = v
			return nil
		}
		return fmt.Errorf("unknown level %q (use debug, info, warn or error)", v)
	}},
	{"shutdown-timeout", "SEIMBANG_SHUTDOWN_TIMEOUT", "20s", "time in-flight work gets to finish on SIGTERM", false, func(c *Config, v string) (err error) {
		c.ShutdownTimeout, err = positiveDuration(v)
		return err
	}},
	{"trusted-proxies", "SEIMBANG_TRUSTED_PROXIES", "", "reverse proxies (IPs or CIDRs, comma-separated) whose X-Forwarded-For is believed", false, func(c *Config, v string) error {
		c.TrustedProxies = nil
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p == "" {
				continue
			}
			if net.ParseIP(p) == nil {
				if _, _, err := net.ParseCIDR(p); err != nil {
					return fmt.Errorf("%q is neither an IP address nor a CIDR range", p)
				}
			}
			c.TrustedProxies = append(c.TrustedProxies, p)
		}
		return nil
	}},
	{"decree-place", "SEIMBANG_DECREE_PLACE", "", "place named above the signature of a decree attachment, e.g. Sukamaju", false, func(c *Config, v string) error {
		v = strings.TrimSpace(v)
		if utf8.RuneCountInString(v) > 60 {
			return fmt.Errorf("%d characters is too long for a place name (60 at most)", utf8.RuneCountInString(v))
		}
		c.DecreePlace = v
		return nil
	}},
	{"abk-effective-minutes", "SEIMBANG_ABK_EFFECTIVE_MINUTES", "75000", "ABK effective working minutes per year (1,250 hours)", false, func(c *Config, v string) error {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 {
			return errors.New("expected a number of minutes above 0")
		}
		c.EffectiveMinutes = f
		return nil
	}},
}

func positiveDuration(v string) (time.Duration, error) {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("invalid duration %q (e.g. 90s, 15m, 72h)", v)
	}
	return d, nil
}

func parseWorkHours(v string) (WorkHours, error) {
	if v == "" {
		return WorkHours{}, nil
	}
	a, b, ok := strings.Cut(v, "-")
	bad := fmt.Errorf("invalid hours %q (e.g. 08:00-16:00)", v)
	if !ok {
		return WorkHours{}, bad
	}
	clock := func(s string) (time.Duration, bool) {
		t, err := time.Parse("15:04", strings.TrimSpace(s))
		if err != nil {
			return 0, false
		}
		return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, true
	}
	start, ok1 := clock(a)
	end, ok2 := clock(b)
	if !ok1 || !ok2 || end <= start {
		return WorkHours{}, bad
	}
	return WorkHours{start, end}, nil
}

// configFlags registers every option on fs and returns a function that
// builds the validated Config once fs is parsed. Values come from the
// flag when given, else from the variable when set (even to ""), else the
// default. The error names the
// setting by its variable and flag and says what is wrong, without ever
// repeating a secret's value.
func configFlags(fs *flag.FlagSet, lookupEnv func(string) (string, bool)) func() (Config, error) {
	vals := make([]*string, len(options))
	for i, o := range options {
		vals[i] = fs.String(o.flag, "", o.help)
	}
	return func() (Config, error) {
		given := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
		var c Config
		for i, o := range options {
			v, from := o.def, "default"
			if e, ok := lookupEnv(o.env); ok {
				v, from = e, o.env
			}
			if given[o.flag] {
				v, from = *vals[i], "--"+o.flag
			}
			if err := o.set(&c, v); err != nil {
				shown := fmt.Sprintf(" %q", v)
				if o.secret {
					shown = ""
				}
				return Config{}, fmt.Errorf("%s (%s)%s: %v", o.env, from, shown, err)
			}
		}
		if c.TelegramMode == "webhook" {
			if c.WebhookSecret == "" {
				return Config{}, errors.New("SEIMBANG_WEBHOOK_SECRET: required in webhook mode")
			}
			if c.BaseURL == "" {
				return Config{}, errors.New("SEIMBANG_BASE_URL: required in webhook mode (Telegram posts to BASE_URL/telegram/webhook)")
			}
		}
		return c, nil
	}
}

// printOptions writes every option with its variable and default.
func printOptions(w io.Writer) {
	tw := tabwriter.NewWriter(w, 2, 8, 2, ' ', 0)
	fmt.Fprintln(tw, "Options (flag\tenvironment variable\tdefault\tmeaning):")
	for _, o := range options {
		def := o.def
		if def == "" {
			def = `""`
		}
		fmt.Fprintf(tw, "  --%s\t%s\t%s\t%s\n", o.flag, o.env, def, o.help)
	}
	tw.Flush()
}

// String describes c for logs with secrets masked.
func (c Config) String() string {
	mask := func(s string) string {
		if s == "" {
			return `""`
		}
		return "***"
	}
	dsn := c.DBDSN
	if c.DBDriver == "mysql" {
		dsn = mask(dsn)
	}
	return fmt.Sprintf("http=%s db=%s dsn=%s redis=%s telegram_mode=%s telegram_token=%s webhook_secret=%s",
		c.HTTPAddr, c.DBDriver, dsn, mask(c.RedisURL), c.TelegramMode, mask(c.TelegramToken), mask(c.WebhookSecret))
}
