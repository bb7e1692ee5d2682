package admin

import "net/http"

// accessTable lists every page and API route with who may use it. It is
// the one place roles are granted; a test walks it route by route.
func (s *Server) accessTable() []route {
	const get, post = http.MethodGet, http.MethodPost
	return []route{
		{get, "/login", viaNone, nil, s.loginForm},
		{post, "/login", viaNone, nil, s.login},
		{get, "/lang/:lang", viaNone, nil, s.setLang},
		{get, "/api/openapi.json", viaNone, nil, s.openAPI},

		{post, "/logout", viaSession, anyRole, s.logout},
		{get, "/password", viaSession, anyRole, s.passwordForm},
		{post, "/password", viaSession, anyRole, s.changePassword},
		{get, "/", viaSession, anyRole, s.dashboard},

		{get, "/employees", viaSession, anyRole, s.employeeList},
		{get, "/employees/new", viaSession, editors, s.employeeNew},
		{get, "/employees/export", viaSession, anyRole, s.employeeExport},
		{post, "/employees", viaSession, editors, s.employeeCreate},
		{get, "/employees/:id", viaSession, anyRole, s.employeeDetail},
		{get, "/employees/:id/edit", viaSession, editors, s.employeeEdit},
		{post, "/employees/:id", viaSession, editors, s.employeeUpdate},
		{post, "/employees/:id/link-codes", viaSession, editors, s.employeeLinkCode},

		{get, "/units", viaSession, anyRole, s.unitList},
		{get, "/units/new", viaSession, editors, s.unitNew},
		{post, "/units", viaSession, editors, s.unitCreate},
		{get, "/units/:id", viaSession, anyRole, s.unitDetail},
		{get, "/units/:id/edit", viaSession, editors, s.unitEdit},
		{post, "/units/:id", viaSession, editors, s.unitUpdate},

		{get, "/positions", viaSession, anyRole, s.positionList},
		{get, "/positions/new", viaSession, editors, s.positionNew},
		{post, "/positions", viaSession, editors, s.positionCreate},
		{get, "/positions/:id", viaSession, anyRole, s.positionDetail},
		{get, "/positions/:id/edit", viaSession, editors, s.positionEdit},
		{post, "/positions/:id", viaSession, editors, s.positionUpdate},
		{post, "/positions/:id/tasks", viaSession, editors, s.taskAdd},
		{get, "/workload", viaSession, anyRole, s.workloadList},
		{get, "/import", viaSession, editors, s.importForm},
		{post, "/import", viaSession, editors, s.importPreview},
		{post, "/import/:id/apply", viaSession, editors, s.importApply},
		{get, "/import/templates/:kind", viaSession, editors, s.importTemplate},

		// The round pages; ids and names browser tests use are listed in
		// templates/rounds.html.
		{get, "/rounds", viaSession, anyRole, s.roundList},
		{get, "/rounds/new", viaSession, editors, s.roundNew},
		{post, "/rounds", viaSession, editors, s.roundCreate},
		{get, "/rounds/:id", viaSession, anyRole, s.roundDetail},
		{get, "/rounds/:id/delivery", viaSession, anyRole, s.roundDelivery},
		{post, "/rounds/:id/plan", viaSession, editors, s.roundPlan},
		{post, "/rounds/:id/announce", viaSession, editors, s.roundAnnounce},
		{post, "/rounds/:id/approve", viaSession, editors, s.roundApprove},
		{get, "/rounds/:id/decree.pdf", viaSession, readers, s.roundDecree},
		{get, "/rounds/:id/decree.xlsx", viaSession, readers, s.roundDecree},
		{get, "/rounds/:id/unreachable", viaSession, readers, s.roundUnreachable},
		{get, "/rounds/:id/unreachable.xlsx", viaSession, readers, s.roundUnreachableExport},
		{get, "/rounds/:id/transfers/new", viaSession, editors, s.transferNew},
		{post, "/rounds/:id/transfers", viaSession, editors, s.transferCreate},
		{post, "/rounds/:id/transfers/check", viaSession, editors, s.transferNew},
		{get, "/rounds/:id/transfers/:tid/edit", viaSession, editors, s.transferEdit},
		{post, "/rounds/:id/transfers/:tid/edit", viaSession, editors, s.transferUpdate},
		{post, "/rounds/:id/transfers/:tid/check", viaSession, editors, s.transferEdit},
		{post, "/rounds/:id/transfers/:tid/accept", viaSession, editors, s.transferAccept},
		{post, "/rounds/:id/transfers/:tid/reject", viaSession, editors, s.transferReject},
		{post, "/rounds/:id/transfers/:tid/comments", viaSession, commenters, s.transferComment},

		{get, "/users", viaSession, superOnly, s.userList},
		{get, "/users/new", viaSession, superOnly, s.userNew},
		{post, "/users", viaSession, superOnly, s.userCreate},
		{get, "/users/:id/edit", viaSession, superOnly, s.userEdit},
		{post, "/users/:id", viaSession, superOnly, s.userUpdate},
		{get, "/tokens", viaSession, superOnly, s.tokenList},
		{post, "/tokens", viaSession, superOnly, s.tokenCreate},
		{post, "/tokens/:id/revoke", viaSession, superOnly, s.tokenRevoke},
		{get, "/settings", viaSession, superOnly, s.settings},
		{get, "/audit", viaSession, auditors, s.auditList},
		{get, "/audit/export", viaSession, auditors, s.auditExport},

		{get, "/api/v1/units", viaToken, anyRole, s.apiUnits},
		{post, "/api/v1/units", viaToken, editors, s.apiUnitCreate},
		{get, "/api/v1/positions", viaToken, anyRole, s.apiPositions},
		{post, "/api/v1/positions", viaToken, editors, s.apiPositionCreate},
		{get, "/api/v1/employees", viaToken, anyRole, s.apiEmployees},
		{post, "/api/v1/employees", viaToken, editors, s.apiEmployeeCreate},
		{get, "/api/v1/employees/:nip", viaToken, anyRole, s.apiEmployee},
		{post, "/api/v1/employees/:nip/link-codes", viaToken, editors, s.apiLinkCode},
		{post, "/api/v1/imports/:kind", viaToken, editors, s.apiImport},
		{get, "/api/v1/workload", viaToken, anyRole, s.apiWorkload},

		{get, "/api/v1/users", viaToken, superOnly, s.apiUsers},
		{post, "/api/v1/users", viaToken, superOnly, s.apiUserCreate},
		{http.MethodPatch, "/api/v1/users/:id", viaToken, superOnly, s.apiUserUpdate},
		{post, "/api/v1/users/:id/password-reset", viaToken, superOnly, s.apiUserResetPassword},
		{get, "/api/v1/tokens", viaToken, superOnly, s.apiTokens},
		{post, "/api/v1/tokens", viaToken, superOnly, s.apiTokenCreate},
		{post, "/api/v1/tokens/:id/revoke", viaToken, superOnly, s.apiTokenRevoke},
		{get, "/api/v1/audit", viaToken, auditors, s.apiAudit},
		{get, "/api/v1/audit/export", viaToken, auditors, s.apiAuditExport},
	}
}
