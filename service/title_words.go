package service

// Read-only word tables of the title normaliser.

// abbreviations maps a short form common in job titles to its words. Both the
// framework's titles and the queries are expanded, so an alias "SDR" and a query
// "sales development rep" meet on the same tokens.
var abbreviations = map[string][]string{
	"exec": {"executive"}, "execs": {"executive"},
	"mgr": {"manager"}, "mngr": {"manager"}, "mgrs": {"manager"},
	"mgmt": {"management"}, "mgt": {"management"},
	"rep": {"representative"}, "reps": {"representative"},
	"coord": {"coordinator"}, "coordr": {"coordinator"},
	"dev": {"developer"}, "devs": {"developer"},
	"devrel": {"developer", "relations"},
	"hr":     {"human", "resources"},
	"sdr":    {"sales", "development", "representative"},
	"bdr":    {"business", "development", "representative"},
	"ae":     {"account", "executive"},
	"csm":    {"customer", "success", "manager"},
	"csr":    {"customer", "service", "representative"},
	"cx":     {"customer", "experience"},
	"dir":    {"director"},
	"asst":   {"assistant"},
	"assoc":  {"associate"},
	"admin":  {"administrator"},
	"spec":   {"specialist"},
	"supv":   {"supervisor"}, "supvr": {"supervisor"},
	"rn":   {"registered", "nurse"},
	"lpn":  {"licensed", "practical", "nurse"},
	"cna":  {"certified", "nursing", "assistant"},
	"pr":   {"public", "relations"},
	"mktg": {"marketing"},
	"acct": {"account"},
	"cust": {"customer"},
	"svc":  {"service"}, "svcs": {"services"},
	"comms": {"communications"},
	"ops":   {"operations"},
	"tchr":  {"teacher"},
	"prof":  {"professor"},
	"biz":   {"business"}, "bizdev": {"business", "development"}, "bd": {"business", "development"},
	"rel": {"relations"}, "rels": {"relations"},
	"gm":   {"general", "manager"},
	"foh":  {"front", "house"},
	"boh":  {"back", "house"},
	"smm":  {"social", "media", "manager"},
	"mgo":  {"major", "gifts", "officer"},
	"dept": {"department"},
	// Spellings too far apart for typo tolerance.
	"programme": {"program"},
}

// fillers carry seniority, contract or scope but not the role: "Senior Account
// Executive II" is an account executive. Role words ("officer", "manager",
// "director", "assistant", "associate") are kept.
var fillers = map[string]bool{
	"senior": true, "sr": true, "snr": true, "junior": true, "jr": true, "jnr": true,
	"lead": true, "principal": true, "head": true, "chief": true, "staff": true,
	"ii": true, "iii": true, "iv": true, "vi": true, "vii": true,
	"vp": true, "svp": true, "evp": true, "avp": true,
	"entry": true, "mid": true, "level": true,
	"experienced": true, "seasoned": true, "acting": true, "interim": true, "deputy": true,
	"global": true, "regional": true, "national": true, "international": true,
	"intl": true, "natl": true, "freelance": true, "remote": true,
	"of": true, "the": true, "and": true, "for": true, "in": true, "at": true,
	"an": true, "to": true, "with": true, "on": true,
}

// fillerPairs are two-word fillers, first word to second.
var fillerPairs = map[string]string{
	"vice": "president",
	"part": "time",
	"full": "time",
}

// accentFolds spells accented Latin letters (already lower-cased) in ASCII.
var accentFolds = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'ā': "a", 'ă': "a", 'ą': "a",
	'æ': "ae", 'ç': "c", 'ć': "c", 'č': "c", 'ĉ': "c", 'ċ': "c", 'ď': "d", 'đ': "d", 'ð': "d",
	'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ē': "e", 'ĕ': "e", 'ė': "e", 'ę': "e", 'ě': "e",
	'ĝ': "g", 'ğ': "g", 'ġ': "g", 'ģ': "g", 'ĥ': "h", 'ħ': "h",
	'ì': "i", 'í': "i", 'î': "i", 'ï': "i", 'ĩ': "i", 'ī': "i", 'ĭ': "i", 'į': "i", 'ı': "i",
	'ĵ': "j", 'ķ': "k", 'ĺ': "l", 'ļ': "l", 'ľ': "l", 'ŀ': "l", 'ł': "l",
	'ñ': "n", 'ń': "n", 'ņ': "n", 'ň': "n",
	'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o", 'ö': "o", 'ø': "o", 'ō': "o", 'ŏ': "o", 'ő': "o",
	'œ': "oe", 'ŕ': "r", 'ŗ': "r", 'ř': "r",
	'ś': "s", 'ŝ': "s", 'ş': "s", 'š': "s", 'ș': "s", 'ß': "ss",
	'ţ': "t", 'ť': "t", 'ŧ': "t", 'ț': "t", 'þ': "th",
	'ù': "u", 'ú': "u", 'û': "u", 'ü': "u", 'ũ': "u", 'ū': "u", 'ŭ': "u", 'ů': "u", 'ű': "u", 'ų': "u",
	'ŵ': "w", 'ý': "y", 'ÿ': "y", 'ŷ': "y", 'ź': "z", 'ż': "z", 'ž': "z",
}
