package telegramtest

import (
	"strconv"
	"strings"
)

// chat is one private chat: the user, every message in it, and the
// chat's own message_id sequence.
type chat struct {
	user     User
	messages []*Message // by message_id - 1
	blocked  bool
	limiter  bucket
}

// AddUser makes the fake know u's private chat, as if u had opened the bot,
// so the bot may send to u.ID. The user helpers (SendText, ...) call it.
func (s *Server) AddUser(u User) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addUser(u)
}

// addUser registers or updates u's chat and returns it with u, its first
// name defaulted. Callers hold mu.
func (s *Server) addUser(u User) (*chat, User) {
	c := s.chatFor(u.ID)
	if u.FirstName == "" {
		u.FirstName = "User " + strconv.FormatInt(u.ID, 10)
	}
	c.user = u
	if u.Username != "" {
		s.usernames[strings.ToLower(u.Username)] = u.ID
	}
	return c, u
}

// chatFor returns the chat with id, creating it if needed. Callers hold mu.
func (s *Server) chatFor(id int64) *chat {
	c, ok := s.chats[id]
	if !ok {
		c = &chat{user: User{ID: id, FirstName: "User " + strconv.FormatInt(id, 10)}}
		s.chats[id] = c
	}
	return c
}

// targetChat resolves the chat_id parameter: a number or an @username.
// Returns 400 "chat_id is empty" when it is missing (the library sends
// "null" for a nil ChatID) and 400 "chat not found" for a chat the fake does
// not know, unless WithAnyChat. Callers hold mu.
func (s *Server) targetChat(p params) (*chat, *apiError) {
	raw := strings.TrimSpace(p.get("chat_id"))
	if raw == "" || raw == "null" {
		return nil, badRequest("chat_id is empty")
	}
	if name, ok := strings.CutPrefix(raw, "@"); ok {
		id, found := s.usernames[strings.ToLower(name)]
		if !found {
			return nil, errChatNotFound
		}
		return s.chats[id], nil
	}
	id, err := strconv.ParseInt(raw, 10, 64)
	if err != nil {
		return nil, errChatNotFound
	}
	c, ok := s.chats[id]
	if !ok {
		if !s.cfg.anyChat {
			return nil, errChatNotFound
		}
		c = s.chatFor(id)
	}
	return c, nil
}

// chatInfo returns the Chat object of c.
func (c *chat) chatInfo() Chat {
	return Chat{ID: c.user.ID, Type: "private", FirstName: c.user.FirstName, LastName: c.user.LastName, Username: c.user.Username}
}

// newMessage appends a message from `from` to c with the next message_id and
// the current date. Callers hold mu and fill in the content.
func (s *Server) newMessage(c *chat, from User) *Message {
	m := &Message{
		MessageID: len(c.messages) + 1,
		From:      &from,
		Chat:      c.chatInfo(),
		Date:      s.now().Unix(),
	}
	c.messages = append(c.messages, m)
	return m
}

// message returns the message with id in c, nil when there is none.
func (c *chat) message(id int64) *Message {
	if id < 1 || id > int64(len(c.messages)) {
		return nil
	}
	return c.messages[id-1]
}

// replace stores an edited copy of a message; copies handed out earlier
// stay as they were.
func (c *chat) replace(m Message) {
	c.messages[m.MessageID-1] = &m
}
